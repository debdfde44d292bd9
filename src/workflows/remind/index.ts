export * from './policy';
export * from './scheduler';
export * from './extend';
export * from './local-time';
