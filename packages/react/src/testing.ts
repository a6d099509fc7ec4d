// `@onair/react/testing`: what the stories use, for your own UI tests without a server, a camera or a prompt.
export { SimulatedSession, type SimulatedScript, type SimulatedSnapshot, type SimulatedStats } from './simulatedSession';
export { simulatedDevices, type SimulatedDevicesOptions } from './simulatedDevices';
export { createTestPattern } from './testPattern';
