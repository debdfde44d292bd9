/**
 * Stands in for `@slack/socket-mode` inside the Lambda bundles (serverless.yml
 * `custom.esbuild.alias`). On Lambda Slack arrives over HTTP; Socket Mode's client and what it
 * pulls in (undici, ws) are about 0.6 MB of code that every cold start would parse for nothing.
 * Bolt touches the module only when a SocketModeReceiver is constructed, which the Lambda
 * handlers never do; if one ever did, it fails loudly here instead of half-working.
 */
export class SocketModeClient {
  constructor() {
    throw new Error(
      'Socket Mode is not bundled into the Lambda functions (serverless.yml custom.esbuild.alias); ' +
        'run it from a local process instead (docs/deploy.md)',
    );
  }
}
