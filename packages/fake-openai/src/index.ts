export { startFakeOpenAI, type FakeOpenAI, type FakeOpenAIOptions, type LoggedRequest } from './server';
export { behaviourSchema, faultSchema, type Behaviour, type Fault } from './behaviour';
export { computeUsage, type ComputedUsage, type WireMessage } from './usage';
