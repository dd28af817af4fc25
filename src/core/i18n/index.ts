// Messages in English and Simplified Chinese, shared by the CLI and the editor (see message.ts).

export * from './message';
export { EN, ZH_CN } from './catalogue';
export * from './localize';
