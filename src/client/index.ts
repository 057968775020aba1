export { createAgentClient, type AgentClient, type AgentClientOptions, type AgentCredentials, type ApiResponse, type Exchange, type SendOptions } from './agent-client.js';
export { createControlClient, probeControl, type ControlClient } from './control-client.js';
export { rawRequest, RequestFailedError, type RawRequest, type RawResponse } from './raw-request.js';
