/** The user data parameters the create step would pass for env `demo` (web #1). */
import type { UserDataParams } from '../../../../src/workflows/userdata/params';

export const demoUserDataParams: UserDataParams = {
  env: 'demo',
  region: 'ap-northeast-1',
  secretId: 'sitebot/demo/credentials',
  dbInstanceId: 'demo-db',
  locale: 'ja',
  siteTitle: "Demo's site",
  adminEmail: 'admin@example.com',
  siteHost: 'demo-alb-1234567890.ap-northeast-1.elb.amazonaws.com',
  server: 1,
};
