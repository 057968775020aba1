// The dashboard's entry point (bundled into dist/ui/app.js by scripts/build-ui.ts).
import { render } from 'preact';
import { App } from './app.js';
import { connectLive } from './live.js';
import './styles.css';

connectLive();
render(<App />, document.getElementById('app') as HTMLElement);
