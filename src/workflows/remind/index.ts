export * from './policy';
export * from './scheduler';
export * from './extend';
export * from './local-time';
export * from './office-hours';
export * from './power-pass';
export * from './snooze';
