/**
 * Stands in for `express` and `raw-body` inside the Lambda bundles (serverless.yml
 * `custom.esbuild.alias`). Bolt's index loads its HTTP and Express receivers, which read request
 * bodies with raw-body (→ iconv-lite) and serve with express (→ mime-db): about 0.6 MB that every
 * cold start would parse, although on Lambda requests arrive through AwsLambdaReceiver. Bolt
 * only calls these inside those receivers; if a Lambda ever did, it fails loudly here.
 */
function excluded(): never {
  throw new Error(
    "Bolt's HTTP receivers are not bundled into the Lambda functions (serverless.yml custom.esbuild.alias)",
  );
}

export default excluded;
export const Router = excluded;
