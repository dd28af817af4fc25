// 修复的标题和说明（对应 en/fixes.ts）。命令、值和 URL 都是参数，不翻译。

import type { Translation } from '../catalogue';
import type { enFixes } from '../en/fixes';

export const zhFixes: Translation<typeof enFixes> = {
  'fix.shadowedEnv.title': '在启动 VS Code 或 shell 的环境中取消设置 {variable}',
  'fix.shadowedEnv.text':
    '进程环境中把 {variable} 设置为 "{processValue}"，它覆盖了 `go env -w` 设置的 "{fileValue}"。请把它从 shell 配置文件或 go.toolsEnvVars 中删除。',
  'fix.trimPatterns.title': '删除 {variable} 中的空格',
};
