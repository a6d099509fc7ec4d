declare module 'virtual:onair-local-server' {
  /** The local @onair/server Storybook started, or null in a static build. */
  const server: { url: string; accountId: string } | null;
  export default server;
}
