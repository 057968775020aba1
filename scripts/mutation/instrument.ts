// Mutation switching over the TypeScript AST (the technique StrykerJS uses): every mutant of a
// file is compiled in at once, each behind `globalThis.__nxMutant === <id>`, so one process runs
// mutant after mutant by changing one number. The default branch also records that the mutant's
// code was reached (`__nxHit`), which tells which checks can kill it.
//
// Mutators (Stryker's names): ArithmeticOperator, EqualityOperator (incl. boundary < ↔ <=),
// LogicalOperator, BooleanLiteral, UnaryOperator (! and - removed), ConditionalExpression (an
// if/while/ternary condition forced true and false), BlockStatement (an if/else branch emptied),
// AssignmentOperator (+= ↔ -=), UpdateOperator (++ ↔ --), MethodExpression (Math.min ↔ Math.max).
// Strings are not mutated: messages are free text, and the catalogue judges codes, not wording.
import ts from 'typescript';

export interface Mutant {
  /** Run-local number used by the switch. */
  id: number;
  file: string;
  line: number;
  column: number;
  mutator: string;
  original: string;
  replacement: string;
  /** Stable across runs (equivalent.yaml refers to it): file:line:column mutator replacement. */
  key: string;
  /** Outside every function: evaluated once, when the module loads (a constant, a stage's flags). */
  atLoad?: boolean;
}

/** Whether `node` runs when its module loads rather than when a function of it is called. */
function runsAtLoad(node: ts.Node): boolean {
  for (let n = node.parent; n !== undefined; n = n.parent) if (ts.isFunctionLike(n) || ts.isClassStaticBlockDeclaration(n)) return false;
  return true;
}

type Variant = { mutator: string; text: string };

const SWAP: Record<string, string[]> = {
  '+': ['-'],
  '-': ['+'],
  '*': ['/'],
  '/': ['*'],
  '%': ['*'],
  '<': ['<=', '>='],
  '<=': ['<', '>'],
  '>': ['>=', '<='],
  '>=': ['>', '<'],
  '===': ['!=='],
  '!==': ['==='],
  '==': ['!='],
  '!=': ['=='],
  '&&': ['||'],
  '||': ['&&'],
  '??': ['&&'],
  '+=': ['-='],
  '-=': ['+='],
};

const MUTATOR_OF = (op: string): string =>
  ['+', '-', '*', '/', '%'].includes(op) ? 'ArithmeticOperator' : ['&&', '||', '??'].includes(op) ? 'LogicalOperator' : ['+=', '-='].includes(op) ? 'AssignmentOperator' : 'EqualityOperator';

function isStringy(node: ts.Expression): boolean {
  return ts.isStringLiteral(node) || ts.isTemplateExpression(node) || ts.isNoSubstitutionTemplateLiteral(node);
}

/**
 * A top-level `let`, or a top-level Map/Set/WeakMap the module fills: state kept between calls. A
 * cache there is filled by whichever mutant (or none) ran first in the worker process, so a later
 * mutant of the code that fills it would never run. Such declarations become `let` and register a
 * reset (`globalThis.__nxResets`), which the worker calls before each check: every check then sees
 * the module as a fresh process would.
 */
function moduleState(sf: ts.SourceFile, st: ts.Statement): ts.VariableDeclaration[] {
  if (!ts.isVariableStatement(st)) return [];
  const isLet = (st.declarationList.flags & ts.NodeFlags.Let) !== 0;
  return st.declarationList.declarations.filter(
    (d) => ts.isIdentifier(d.name) && (isLet || (d.initializer !== undefined && ts.isNewExpression(d.initializer) && /^(Weak)?(Map|Set)$/.test(d.initializer.expression.getText(sf)))),
  );
}

export function instrument(file: string, source: string, firstId: number): { code: string; mutants: Mutant[] } {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const mutants: Mutant[] = [];
  let next = firstId;
  const text = (n: ts.Node): string => source.slice(n.getStart(sf), n.getEnd());

  /** The node's text with its children instrumented (their spans replaced, last first). */
  function rewrite(node: ts.Node): string {
    const start = node.getStart(sf);
    let out = source.slice(start, node.getEnd());
    const children: ts.Node[] = [];
    node.forEachChild((c) => void children.push(c));
    for (const child of children.reverse()) {
      if (child.getEnd() <= start || child.pos < 0) continue;
      const cs = child.getStart(sf) - start;
      const ce = child.getEnd() - start;
      out = out.slice(0, cs) + visit(child) + out.slice(ce);
    }
    return out;
  }

  function register(node: ts.Node, variants: Variant[]): Mutant[] {
    const { line, character } = sf.getLineAndCharacterOfPosition(node.getStart(sf));
    return variants.map((v) => {
      const m: Mutant = { id: next++, file, line: line + 1, column: character + 1, mutator: v.mutator, original: text(node), replacement: v.text, key: '', ...(runsAtLoad(node) ? { atLoad: true } : {}) };
      m.key = `${file}:${m.line}:${m.column} ${m.mutator} ${v.text.replace(/\s+/g, ' ').slice(0, 120)}`;
      mutants.push(m);
      return m;
    });
  }

  /** `(__m === a ? A : __m === b ? B : (hit, original))` for an expression. */
  function switchExpression(node: ts.Node, variants: Variant[], instrumented: string): string {
    const ms = register(node, variants);
    const hit = `globalThis.__nxHit(${ms.map((m) => m.id).join(',')})`;
    const arms = ms.map((m) => `globalThis.__nxMutant === ${m.id} ? (${m.replacement}) : `).join('');
    return `(${arms}(${hit}, (${instrumented})))`;
  }

  function visit(node: ts.Node): string {
    // Module state is declared as it is (nothing in it to mutate), re-assignable for its reset.
    if (node.parent === sf && ts.isStatement(node) && moduleState(sf, node).length > 0) return text(node).replace(/^(export\s+)?const\b/, '$1let');
    // Types, imports and declarations of types carry nothing to mutate.
    if (ts.isTypeNode(node) || ts.isImportDeclaration(node) || ts.isExportDeclaration(node) || ts.isInterfaceDeclaration(node) || ts.isTypeAliasDeclaration(node)) return text(node);

    if (ts.isBinaryExpression(node)) {
      const op = node.operatorToken.getText(sf);
      const swaps = SWAP[op];
      if (swaps && !((op === '+' || op === '+=') && (isStringy(node.left) || isStringy(node.right)))) {
        const left = text(node.left);
        const right = text(node.right);
        const variants = swaps.map((s) => ({ mutator: MUTATOR_OF(op), text: `${left} ${s} ${right}` }));
        if (op === '+=' || op === '-=') {
          // An assignment's target cannot sit inside a conditional expression: switch the operator via the value.
          const target = text(node.left);
          const ms = register(node, variants);
          const hit = `globalThis.__nxHit(${ms.map((m) => m.id).join(',')})`;
          const value = rewrite(node.right);
          return `${target} ${op} (${ms.map((m) => `globalThis.__nxMutant === ${m.id} ? -(${value}) : `).join('')}(${hit}, (${value})))`;
        }
        return switchExpression(node, variants, rewrite(node));
      }
    }
    if (node.kind === ts.SyntaxKind.TrueKeyword || node.kind === ts.SyntaxKind.FalseKeyword) {
      return switchExpression(node, [{ mutator: 'BooleanLiteral', text: node.kind === ts.SyntaxKind.TrueKeyword ? 'false' : 'true' }], text(node));
    }
    if (ts.isPrefixUnaryExpression(node) && (node.operator === ts.SyntaxKind.ExclamationToken || node.operator === ts.SyntaxKind.MinusToken)) {
      const operand = text(node.operand);
      return switchExpression(node, [{ mutator: 'UnaryOperator', text: operand }], rewrite(node));
    }
    if ((ts.isPrefixUnaryExpression(node) || ts.isPostfixUnaryExpression(node)) && (node.operator === ts.SyntaxKind.PlusPlusToken || node.operator === ts.SyntaxKind.MinusMinusToken)) {
      const operand = text(node.operand);
      const flipped = node.operator === ts.SyntaxKind.PlusPlusToken ? '--' : '++';
      const mutated = ts.isPrefixUnaryExpression(node) ? `${flipped}${operand}` : `${operand}${flipped}`;
      return switchExpression(node, [{ mutator: 'UpdateOperator', text: mutated }], rewrite(node));
    }
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && text(node.expression.expression) === 'Math' && ['min', 'max'].includes(node.expression.name.text)) {
      const other = node.expression.name.text === 'min' ? 'max' : 'min';
      return switchExpression(node, [{ mutator: 'MethodExpression', text: `Math.${other}(${node.arguments.map(text).join(', ')})` }], rewrite(node));
    }
    if (ts.isIfStatement(node) || ts.isWhileStatement(node) || ts.isConditionalExpression(node)) {
      return conditionSwitch(node);
    }
    return rewrite(node);
  }

  /** The condition forced true and false (false only for loops); an if's non-empty branches emptied. */
  function conditionSwitch(node: ts.IfStatement | ts.WhileStatement | ts.ConditionalExpression): string {
    const cond = ts.isConditionalExpression(node) ? node.condition : node.expression;
    const variants: Variant[] = ts.isWhileStatement(node)
      ? [{ mutator: 'ConditionalExpression', text: 'false' }]
      : [
          { mutator: 'ConditionalExpression', text: 'true' },
          { mutator: 'ConditionalExpression', text: 'false' },
        ];
    const condition = switchExpression(cond, variants, visit(cond));
    if (ts.isConditionalExpression(node)) return `${condition} ? ${visit(node.whenTrue)} : ${visit(node.whenFalse)}`;
    if (ts.isWhileStatement(node)) return `while (${condition}) ${visit(node.statement)}`;
    const branch = (b: ts.Statement): string => {
      if (!ts.isBlock(b) || b.statements.length === 0) return visit(b);
      const [m] = register(b, [{ mutator: 'BlockStatement', text: '{}' }]);
      return `{ if (globalThis.__nxMutant !== ${m?.id}) { globalThis.__nxHit(${m?.id}); ${visit(b)} } }`;
    };
    return `if (${condition}) ${branch(node.thenStatement)}${node.elseStatement ? ` else ${branch(node.elseStatement)}` : ''}`;
  }

  const resets = sf.statements
    .flatMap((st) => moduleState(sf, st))
    .map((d) => `${d.name.getText(sf)} = ${d.initializer ? d.initializer.getText(sf) : 'undefined'};`);
  const reset = resets.length > 0 ? `\n(globalThis.__nxResets ??= []).push(() => { ${resets.join(' ')} });\n` : '';
  return { code: rewrite(sf) + reset, mutants };
}
