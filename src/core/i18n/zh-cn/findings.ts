// 问题描述（对应 en/findings.ts）。模块路径、URL、命令、设置名和 Go/git 的原文都是参数，不翻译。

import type { Translation } from '../catalogue';
import type { enFindings } from '../en/findings';

export const zhFindings: Translation<typeof enFindings> = {
  'gomod.unparsable': '无法解析 go.mod：{error}（第 {line} 行，第 {column} 列）。',
  'gomod.unreadable': '无法读取 go.mod，因此什么都没有检查：{error}',
  'go.failed': '`go` 命令无法工作（`{what}` 失败），因此没有尝试下载：{error}',
  'go.noCopy':
    '没有尝试下载：无法创建 go 运行时使用的 go.mod 和 go.sum 临时副本（{error}）。go 没有在你自己的 go.mod 和 go.sum 上运行，因为它会修改这两个文件。',
  'go.notFound': '没有找到 `go` 命令，因此无法检查下载。请安装 Go 或设置它的路径。',
  'go.notWorking': '`go` 命令无法工作，因此无法检查下载。',

  'env.patternSpaces': '{variable} 中有带空格的模式（{patterns}）；Go 不会去掉空格，所以它们永远不会匹配。',
  'env.patternMalformed': '{variable} 中有格式错误的模式（{patterns}），它们永远不会匹配。',
  'env.shadowed': '`go env -w` 设置的 {variable}（"{fileValue}"）被忽略了：环境变量中设置了 {variable}="{processValue}"。',
};
