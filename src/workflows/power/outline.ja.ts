/** スリープと起動のステップの日本語 (タイトル)。英語版: ./outline.en.ts */
import type { StepTexts } from '../../i18n/explain';
import type { SleepStepId, WakeStepId } from './outline';

export const SLEEP_STEPS_JA: StepTexts<SleepStepId> = {
  check: { title: 'スリープできる環境か確認' },
  'stop-web': { title: 'ウェブサーバー 2 台を停止' },
  'stop-db': { title: 'DB インスタンスを停止' },
};

export const WAKE_STEPS_JA: StepTexts<WakeStepId> = {
  check: { title: '起動できる環境か確認' },
  'start-db': { title: 'DB インスタンスを起動し、利用可能になるまで待機' },
  'start-web': { title: 'ウェブサーバー 2 台を起動' },
  'targets-healthy': { title: '2 つのターゲットが正常になるまで待機' },
  'site-answers': { title: 'サイトが 200 を返すことを確認' },
};
