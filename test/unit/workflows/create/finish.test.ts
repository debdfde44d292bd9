/**
 * A create's outputs hold values, not words: the site check that was off is recorded as `off`
 * and put into words where it is shown, in the reader's language; a record written before that
 * (the English sentence itself) reads the same way.
 */
import { ENGLISH, textsFor } from '../../../../src/i18n/texts';
import { createOutputs, SITE_CHECK_OFF } from '../../../../src/workflows/create/finish';

const JA = textsFor({ lang: 'ja', timeZone: 'Asia/Tokyo' });
const OLD_RECORD = 'not checked: the site check was off, so nothing asked the site through the ALB';

test('the outputs hold values; labels and values are put into words for each reader', () => {
  const outputs = createOutputs(
    (id) =>
      ({
        site: {
          siteUrl: 'http://demo-alb.example/',
          azs: ['ap-northeast-1a', 'ap-northeast-1c'],
          multiAz: true,
          siteChecked: false,
        },
        database: { dbEndpoint: 'demo-db.example' },
      })[id] ?? {},
  );
  expect(outputs).toEqual({
    siteUrl: 'http://demo-alb.example/',
    dbEndpoint: 'demo-db.example',
    azs: 'ap-northeast-1a, ap-northeast-1c',
    multiAz: 'true',
    siteCheck: SITE_CHECK_OFF,
  });
  expect(ENGLISH.common.output('siteCheck')).toBe('Site check');
  expect(ENGLISH.common.outputValue('siteCheck', outputs.siteCheck)).toBe(OLD_RECORD);
  expect(JA.common.output('siteCheck')).toBe('サイトの確認');
  expect(JA.common.outputValue('siteCheck', outputs.siteCheck)).toBe(
    '未確認: サイトの確認がオフだったため、ALB 経由でサイトに問い合わせていません',
  );
  expect(JA.common.outputValue('multiAz', outputs.multiAz)).toBe('はい');
  // Ids and endpoints are shown as they are.
  expect(JA.common.outputValue('dbEndpoint', outputs.dbEndpoint)).toBe('demo-db.example');
});

test('an older record that holds the English sentence reads in the reader’s language', () => {
  expect(ENGLISH.common.outputValue('siteCheck', OLD_RECORD)).toBe(OLD_RECORD);
  expect(JA.common.outputValue('siteCheck', OLD_RECORD)).toMatch(/^未確認: /);
});
