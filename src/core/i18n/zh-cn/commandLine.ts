// 命令行自己的文字（对应 en/cli.ts）：帮助、用法错误、提问和回答。命令、参数和值保持原样。

import type { Translation } from '../catalogue';
import type { enCli } from '../en/commandLine';

export const zhCli: Translation<typeof enCli> = {
  'cli.usage': `用法：go-dep-health diagnose [dir | go.work]... [--recursive] [--format FORMAT[=FILE]]... [--output FILE]
                        [--fail-on error|warning|never] [--repo-root DIR] [--all] [--no-health] [--stall-timeout SECONDS] [--lang LANG]
      go-dep-health diagnose [dir] --apply-fix ID [--module PATH] [--yes]
      go-dep-health explain [FILE] [--env KEY=VALUE]... [--json]
      go-dep-health why MODULE [dir] [--json]
      go-dep-health undo

diagnose   对 dir 中的模块（默认为当前目录）运行 \`go mod download -x -json\`，
           解释每一个失败，并给出修复方法。可以给多个目录、一个 go.work（它使用的每个模块），
           或者用 --recursive：所有模块合成一份报告；然后检查构建中每个模块的健康状况
           （被撤回、已弃用、有更新的版本、每个模块为什么在构建中）。
explain    解释 go 在别处打印的错误（CI 日志、同事的终端、issue 里贴的内容）：
           从标准输入粘贴，或者指定文件 FILE。
why        说明 MODULE 为什么以当前版本出现在构建中：选中这个版本的依赖要求，
           以及从主模块出发最短的依赖链（go mod graph）。
undo       撤销最近一次通过 --apply-fix 或在编辑器中应用的修复。

  --format FORMAT        {formats}（默认 text）：text 便于阅读，json 是报告本身
                         （schemaVersion 1），sarif 用于 GitHub 代码扫描，github 输出工作流注解，
                         gitlab 是 Code Quality 报告。可重复；FORMAT=FILE 把该格式写入 FILE
  --output FILE          把（唯一的）格式写入 FILE，而不是标准输出
  --json                 等同于 --format json
  --fail-on LEVEL        问题的严重程度达到 LEVEL 时以 1 退出：error（默认）、warning，或 never
                         （无论发现什么都以 0 退出；2 仍然表示什么都无法检查）
  --recursive, -r        检查所给目录下的每一个 go.mod（跳过 vendor、testdata、node_modules，
                         以及以 . 或 _ 开头的目录）
  --repo-root DIR        sarif、github 和 gitlab 输出中的路径相对于 DIR（默认：包含这些模块的
                         git 仓库，否则为当前目录）
  --all, --verbose       在文本报告中列出所有模块，而不只是有问题的模块
  --no-health            跳过健康检查（不运行 \`go list -m -u\` 和 \`go mod graph\`）
  --stall-timeout N      N 秒内没有任何进展就停止（默认 {stallSeconds}）
  --apply-fix ID         应用指定 id 的修复（报告中方括号里的 id），先展示它具体会改什么，
                         然后重新诊断
  --module PATH          与 --apply-fix 一起使用：从这个模块的问题中取修复
  --yes                  与 --apply-fix 一起使用：不再询问确认
  --proxy-choice VALUE   当前模块代理不可达时可以推荐的 GOPROXY 值，仅在探测表明它能从这里
                         访问时才推荐（可重复；默认：goproxy.cn、goproxy.io、proxy.golang.org，
                         均带 ",direct"）
  --sumdb-choice VALUE   当前校验和数据库不可达时可以推荐的 GOSUMDB 值，仅在探测表明它能从这里
                         访问时才推荐（可重复；默认：sum.golang.google.cn）
  --env KEY=VALUE        与 explain 一起使用：出错时的 Go 环境（GOPROXY、GOPRIVATE 等）
  --lang LANG            输出语言：en 或 zh-CN（默认取自 LC_ALL、LC_MESSAGES 或 LANG）
  -h, --help             显示本帮助
`,
  'cli.error': 'go-dep-health：{error}',
  'cli.internalError': 'go-dep-health：内部错误：{error}',
  'cli.unknownCommand': '未知命令 "{command}"',
  'cli.missingCommand': '缺少命令',
  'cli.envWantsPair': '--env 需要 KEY=VALUE 的形式，而不是 "{value}"',
  'cli.envWithExplain': '--env 只能与 explain 一起使用',
  'cli.unexpectedArgument': '多余的参数 "{argument}"',
  'cli.stallTimeout': '--stall-timeout 需要一个正数（秒），而不是 "{value}"',
  'cli.applyFixJson': '--apply-fix 和 --json 不能同时使用',
  'cli.moduleYes': '--module 和 --yes 只能与 --apply-fix 一起使用',
  'cli.lang': '--lang 只接受 en 或 zh-CN，而不是 "{value}"',
  'cli.failOn': '--fail-on 只接受 {choices} 之一，而不是 "{value}"',
  'cli.withDiagnose': '{option} 只能与 diagnose 一起使用',
  'cli.applyFixText': '--apply-fix 以文本形式展示预览：不能与 --json、--format 或 --output 一起使用',
  'cli.applyFixOne': '--apply-fix 只作用于一个模块：请只指定一个目录',
  'cli.applyFixRoots': '--apply-fix 只作用于一个模块，而 {paths} 中有 {count} 个：请只指定一个目录',
  'cli.format': '--format 只接受 {choices} 之一，而不是 "{value}"',
  'cli.formatFile': '--format {format}= 的 = 后面需要一个文件名',
  'cli.jsonFormat': '--json 就是 --format json：两者只能给一个',
  'cli.outputSingle': '--output 只能与单个 --format 一起使用；多个格式请写成 --format FORMAT=FILE',
  'cli.oneToStdout': '只能有一种格式输出到标准输出；其余的请用 --format FORMAT=FILE 写入文件',
  'cli.cannotWrite': '无法写入 {file}：{error}',
  'cli.wrote': 'go-dep-health：已把 {format} 报告写入 {file}',
  'cli.verbatim': '{text}',
  'cli.unknownCommandWhy': 'why 需要一个模块路径',
  'cli.noHealth': '--no-health 只能与 diagnose 一起使用',
  'cli.notAFolder': '{dir} 不是目录',
  'cli.noGoMod': '{dir} 中没有 go.mod；请在 Go 模块的目录中运行，或者指定一个模块目录',
  'cli.cannotRead': '无法读取 {file}：{error}',
  'cli.standardInput': '标准输入',
  'cli.nothingToExplain': '没有可解释的内容：请把 go 的错误粘贴到标准输入，或者指定一个文件',
  'cli.undoNeedsGo': 'go-dep-health：undo 需要 `go` 命令，但在 PATH 中没有找到',
  'cli.noSuchFix': 'go-dep-health：没有哪个问题提供修复 "{id}"{forModule}。可用的修复：{offered}',
  'cli.noSuchFixForModule': '（模块 {module}）',
  'cli.none': '无',
  'cli.confirm': '应用这项更改吗？[y/N] ',
  'cli.notApplied': '未应用。',
  'cli.applied': '已应用。撤销：go-dep-health undo（或在编辑器中执行“撤销上一次修复”）',
  'cli.appliedNoUndo': '已应用。被替换的值中含有凭据，所以没有把撤销记录写入磁盘。',
  'cli.undone': '已撤销：{title}',
  'cli.nothingToUndo': '没有可撤销的修复。',
  'cli.reran': '修复后重新诊断的结果：',
};
