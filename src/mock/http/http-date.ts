// The Date header from the injected clock (so equal clocks give equal headers), built once per
// second: it has a resolution of one second, and a busy mock answers thousands of requests in one.
let second = Number.NaN;
let text = '';

export function httpDate(ms: number): string {
  const s = Math.floor(ms / 1000);
  if (s !== second) {
    second = s;
    text = new Date(s * 1000).toUTCString();
  }
  return text;
}
