// Public surface of the validating proxy.
export { startProxy, type ProxyOptions, type RunningProxy } from './start-proxy.js';
export { summarize, violationsHeader, type Violation } from './violations.js';
