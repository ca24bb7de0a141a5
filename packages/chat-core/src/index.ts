export * from './types';
export * from './tokens/count';
export { ENCODING_NAMES, type EncodingName } from './tokens/encodings';
export * from './models/model-entry';
export { BUILTIN_MODELS } from './models/builtin';
