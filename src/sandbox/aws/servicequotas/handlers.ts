/**
 * Service Quotas (JSON 1.1, target prefix `ServiceQuotasV20190624.`): GetServiceQuota and
 * GetAWSDefaultServiceQuota for the quotas sitebot reads, valued from the world's account
 * settings (the applied value) and AWS's defaults.
 *
 * LIMITATIONS: one quota, Amazon VPC's "VPCs per Region" (L-F678F1CE); any other service or
 * quota code is NoSuchResourceException. No listing, history, requests or templates.
 */
import { DEFAULT_QUOTAS } from '../account';
import { AwsError } from '../protocol/errors';
import { jReq, type JsonInput } from '../protocol/json-input';
import { dispatch, type EmulatedService, type RequestContext } from '../protocol/service';

interface KnownQuota {
  serviceCode: string;
  serviceName: string;
  quotaCode: string;
  quotaName: string;
  applied(ctx: RequestContext): number;
  default: number;
}

const QUOTAS: readonly KnownQuota[] = [
  {
    serviceCode: 'vpc',
    serviceName: 'Amazon Virtual Private Cloud (Amazon VPC)',
    quotaCode: 'L-F678F1CE',
    quotaName: 'VPCs per Region',
    applied: (ctx) => ctx.world.account.quotas.vpcsPerRegion,
    default: DEFAULT_QUOTAS.vpcsPerRegion,
  },
];

function find(input: JsonInput): KnownQuota {
  const serviceCode = jReq(input, 'ServiceCode');
  const quotaCode = jReq(input, 'QuotaCode');
  const quota = QUOTAS.find((q) => q.serviceCode === serviceCode && q.quotaCode === quotaCode);
  if (!quota) {
    throw new AwsError(
      'NoSuchResourceException',
      `The request failed because the specified quota ${serviceCode}/${quotaCode} does not exist.`,
    );
  }
  return quota;
}

function quotaShape(q: KnownQuota, value: number, ctx: RequestContext) {
  return {
    Quota: {
      ServiceCode: q.serviceCode,
      ServiceName: q.serviceName,
      QuotaArn: `arn:aws:servicequotas:${ctx.region}:${ctx.world.accountId}:${q.serviceCode}/${q.quotaCode}`,
      QuotaCode: q.quotaCode,
      QuotaName: q.quotaName,
      Value: value,
      Unit: 'None',
      Adjustable: true,
      GlobalQuota: false,
      QuotaAppliedAtLevel: 'ACCOUNT',
    },
  };
}

const handlers = {
  GetServiceQuota: (input: JsonInput, ctx: RequestContext) => {
    const q = find(input);
    return quotaShape(q, q.applied(ctx), ctx);
  },
  GetAWSDefaultServiceQuota: (input: JsonInput, ctx: RequestContext) => {
    const q = find(input);
    return quotaShape(q, q.default, ctx);
  },
};

export const serviceQuotasService: EmulatedService = {
  signingName: 'servicequotas',
  protocol: 'json',
  internalErrorCode: 'ServiceException',
  handle(action, input, ctx) {
    return dispatch('json', handlers, action, input as JsonInput, ctx);
  },
};
