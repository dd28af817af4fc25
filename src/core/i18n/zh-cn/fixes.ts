// 修复的标题和说明（对应 en/fixes.ts）。命令、值和 URL 都是参数，不翻译。

import type { Translation } from '../catalogue';
import type { enFixes } from '../en/fixes';

export const zhFixes: Translation<typeof enFixes> = {
  'fix.shadowedEnv.title': '在启动 VS Code 或 shell 的环境中取消设置 {variable}',
  'fix.shadowedEnv.text':
    '进程环境中把 {variable} 设置为 "{processValue}"，它覆盖了 `go env -w` 设置的 "{fileValue}"。请把它从 shell 配置文件或 go.toolsEnvVars 中删除。',
  'fix.trimPatterns.title': '删除 {variable} 中的空格',
  'fix.addPattern.title': '把 {pattern} 添加到 {variable}',
  'fix.gonosumdbAdd.title': '把 {pattern} 添加到 GONOSUMDB（仍然通过模块代理获取）',
  'fix.appendDirect.title': '在 GOPROXY 末尾追加 ",direct"',
  'fix.fallThrough.title': '出现任何错误都转到 GOPROXY 的下一个条目（"," → "|"）',
  'fix.setGoproxy.title': '把 GOPROXY 设为 {value}',
  'fix.goauthUnset.title': '从 Go 环境配置文件中删除 GOAUTH（go env -u GOAUTH：恢复为 netrc）',
  'fix.goauthValue.title': '按 go 能解析的格式填写 GOAUTH',
  'fix.goauthValue.text':
    'GOAUTH 是用 ";" 分隔的命令列表：`netrc`、`git <absolute dir>`，或者你自己的命令；`off` 只能单独使用。空条目（开头多了 ";" 或连续两个 ";"）是错误的。',
  'fix.gotoolchainUnset.title': '从 Go 环境配置文件中删除 GOTOOLCHAIN（go env -u GOTOOLCHAIN：恢复为 auto）',
  'fix.unset.title': '从 Go 环境配置文件中删除 {variable}（go env -u {variable}）',
  'fix.insteadOfSsh.title': '通过 SSH 获取 {host}（git insteadOf 规则）',
  'fix.insteadOfRemove.title': '删除 git 规则 {key} {value}',
  'fix.word.theHost': '该主机',
  'fix.gitCredentials.title': '为 {where} 给 git 配置凭据',
  'fix.gitCredentials.text':
    'git 需要用户名，但无法提示输入。请让 git 凭据助手提供令牌（系统钥匙串、Git Credential Manager，或者 `gh auth setup-git`），或者在 ~/.netrc 中为 {where} 添加一行。永远不要把令牌写进 GOPROXY 或 insteadOf 的 URL。',
  'fix.word.theProxy': '模块代理',
  'fix.proxyCredentials.https': 'Go 只通过 HTTPS 发送凭据，所以请先把 GOPROXY 指向这个模块代理的 https:// 地址。',
  'fix.proxyCredentials.title': '为 {where} 给 Go 配置凭据',
  'fix.proxyCredentials.text':
    '{https}Go 会把 ~/.netrc 中的凭据（或 GOAUTH 指定的命令给出的凭据）发送给 HTTPS 模块代理。请在 ~/.netrc 中添加一行 `machine {machine} login <user> password <token>`，或者配置 GOAUTH。',
  'fix.sshKnownHost.title': '核对并信任 {host} 的 SSH 主机密钥',
  'fix.sshKnownHost.why': '把输出的密钥与你的 Git 托管平台公布的密钥进行比对，然后追加到 ~/.ssh/known_hosts。',
  'fix.sshKey.title': '为 {host} 准备可用的 SSH 密钥',
  'fix.sshKey.text': '把你的密钥加载到 ssh-agent（`ssh-add`），并在 Git 托管平台上登记它的公钥。Go 以批处理模式运行 ssh，所以无法询问密码短语。',
  'fix.sshBatchMode.title': '给你的 GIT_SSH_COMMAND 加上 -o BatchMode=yes',
  'fix.sshBatchMode.text':
    'Go 只会给它自己选择的 ssh 命令加上 BatchMode；你的命令（"{command}"）会让 ssh 等待密码短语或 yes/no 回答，而 go 运行时没有人能回答。请给它加上 -o BatchMode=yes。',
  'fix.goImport.title': '提供 go-import meta 标签，或者使用能指明仓库的路径',
  'fix.goImport.text':
    '对于自有域名下的路径，Go 会请求 https://<path>?go-get=1，期望得到 <meta name="go-import" content="<prefix> git <repository URL>">。请提供这个标签（需要凭据时：~/.netrc 或 GOAUTH），或者用以 .git 结尾的路径来引用这个模块。',
  'fix.word.theModuleCache': '模块缓存',
  'fix.modCacheWritable.title': '让模块缓存可写，或者换一个模块缓存',
  'fix.modCacheWritable.text':
    'Go 必须能写入 {cache}。请把它的所有权交给你的用户（它可能属于另一个用户或某个容器），或者把 GOMODCACHE 指向一个你能写入的文件夹（go env -w GOMODCACHE=<folder>）。',
  'fix.sumdbStateReset.title': '重置 {db} 的本地缓存状态（{gopath}/pkg/sumdb/{db}）',
  'fix.sumdbStateReset.text':
    '删除 {gopath}/pkg/sumdb/{db}（go 记住的树头）和 {cache}/cache/download/sumdb/{db}（缓存的 tile），然后重新运行：go 会从 {db} 现在提供的内容重新开始。仅运行 go clean -modcache 不会删除树头。',
  'fix.cleanModCache.title': '删除模块缓存（go clean -modcache）',
  'fix.cleanModCache.why': '下次下载时会重建缓存。',
  'fix.installGit.title': '安装 git',
  'fix.installGit.text': '没有模块代理提供的模块，Go 会用 git 获取。请安装 git，并确保它在 PATH 中。',
  'fix.installGo.title': '安装 Go，或者告诉扩展 Go 在哪里',
  'fix.installGo.text': '从 go.dev/dl 安装 Go，或者在设置中把 `go.goroot` / `go.alternateTools` 指向你使用的 Go。',
  'fix.checksum.title': '查明校验和为什么不一致（不要关闭校验）',
  'fix.checksum.text':
    '下载到的代码与 go.sum 或校验和数据库中记录的不一致。原因可能是发布版本被重新打了标签、模块代理提供了不同的代码，或者代码被篡改。请与模块作者确认；如果是私有模块被正当地重新打了标签，请从 go.sum 中删除它的行，再运行 `go mod download`。',
  'fix.toolchain.title': '安装 go.mod 要求的 Go 版本，或者让 Go 自己下载',
  'fix.toolchain.text': '安装那个 Go 发行版本，或者允许 Go 自己获取：GOTOOLCHAIN=auto，并且 GOPROXY 和 GOSUMDB 能访问 golang.org/toolchain。',
  'fix.govcsUnset.title': '从 Go 环境配置文件中删除 GOVCS（go env -u GOVCS：恢复为 Go 的默认值）',
  'fix.govcsAllow.title': '在 GOVCS 中允许 {pattern} 使用 {vcs}',
  'fix.envSetInProcess.unset': '取消设置 {variable}',
  'fix.envSetInProcess.remove': '删除 {variable}',
  'fix.envSetInProcess.title': '环境变量中设置了 {variable}：请在那里修改（{wanted}）',
  'fix.envSetInProcess.text':
    'go 运行时的环境中设置了 {variable}="{set}"，它会覆盖 `go env -w`，所以单靠“{title}”不会有任何改变。请在设置它的地方修改：shell 配置文件、CI 任务的环境，或者 VS Code 设置中的 go.toolsEnvVars（{change}）；或者在那里删除它，再应用这项修复。',
  'fix.narrow.title': '从 {variable} 中删除 "{pattern}"：它让那里的所有公开模块都直接访问源站（然后只添加你自己的，例如 {example}）',
  'fix.addAll.covers': '（覆盖 {count} 个模块）',
  'fix.addAll.title': '把 {patterns} 添加到 GOPRIVATE{covers}',
  'fix.sumdbMirror.title': '使用一个能访问的校验和数据库',
  'fix.sumdbMirror.text':
    '如果 sum.golang.org 被屏蔽，请使用能提供 /sumdb/ 的模块代理（例如 https://goproxy.cn 就代理了校验和数据库），或者设置 GOSUMDB=sum.golang.google.cn（sum.golang.org 在中国大陆可以访问的官方镜像）。关闭 GOSUMDB 会失去保护，不建议这样做。',
  'fix.httpProxy.title': '检查 HTTPS_PROXY、它的凭据和 NO_PROXY',
  'fix.httpProxy.text': 'Go 使用 HTTPS_PROXY/HTTP_PROXY/NO_PROXY；git 使用它自己的 http.proxy。请检查代理地址、它是否允许 CONNECT，并把内部主机加入 NO_PROXY。',
  'fix.tlsTrust.title': '信任这个证书颁发机构',
  'fix.tlsTrust.text':
    '把你所在组织的 CA 证书安装到系统信任库，或者让 SSL_CERT_FILE 指向它（git：`git config --global http.sslCAInfo <pem>`）。GOINSECURE 对模块代理和校验和数据库不起作用。',
  'fix.checkPath.title': '检查模块路径和你的访问权限',
  'fix.checkPath.text': '检查路径的拼写和大小写，以及你的凭据能否看到这个仓库。',
  'fix.proxyRefusesVersion.title': '向 {where} 的运营方询问这个版本，或者改用其他版本',
  'fix.proxyRefusesVersion.text':
    '{where} 有意拒绝提供 {module} 的这个版本。请改用它提供的版本（`go list -m -versions {module}` 会列出可用版本），或者询问它的运营方为什么屏蔽这个版本、能否放行。把公开模块标记为私有模块（GOPRIVATE）没有用：那只会对它关闭模块代理和校验和校验。',
  'fix.listVersions.title': '查看有哪些版本',
  'fix.listVersions.text': '运行 `go list -m -versions {module}`，然后引用其中一个版本。',
  'fix.insecure.title': '通过 HTTPS 提供模块',
  'fix.insecure.text': '让服务器使用 HTTPS。GOINSECURE=<pattern> 只允许对匹配的模块进行明文 HTTP 的直接获取。',
  'fix.modulePath.title': '引用模块自己声明的路径',
  'fix.modulePath.text': '使用模块自己的 go.mod 中的路径（主版本 2 及以上要带 /vN），或者为分叉版本添加 replace。',
  'fix.goproxyReachable.choice': '使用一个从这里能访问的 GOPROXY：{choice}',
  'fix.goproxyReachable.title': '使用一个在你的网络中能访问的 GOPROXY',
  'fix.goproxyReachable.text':
    '从这里无法访问 GOPROXY 中的模块代理（防火墙、全国范围的屏蔽、VPN）。请换一个能访问的：公司的模块代理，或者公共镜像，例如在中国大陆最常用的 https://goproxy.cn,direct（七牛云），或 https://goproxy.io,direct。状态栏中的 GOPROXY 项会在你选择之前逐个探测这些选项。',
  'fix.word.theServer': '服务器',
  'fix.networkCheck.dns':
    '无法解析域名 {where}：DNS 解析器本身出错或无法访问（请检查 /etc/resolv.conf、VPN、容器的网络设置）。任何 Go 设置都解决不了这个问题。',
  'fix.networkCheck.connect':
    '从这个网络访问 {where} 没有应答（防火墙、VPN，或者有一个 Go 不知道的代理）。请检查这台机器能否访问它；HTTPS_PROXY/NO_PROXY 用来告诉 Go 必须使用的代理。',
  'fix.networkCheck.tls': '与 {where} 的 TLS 握手没有完成：中间设备、不稳定的线路或者服务器过载。请重试，或者检查网络路径（VPN、手机热点、防火墙）。',
  'fix.networkCheck.refused':
    '{where} 拒绝了这个网络（它的应答是这样说的）：VPN 或 Tor 出口、某个地区，或某个组织的策略。请换一个网络再试，或者使用一个你被允许使用的代理。',
  'fix.networkCheck.title': '检查到 {where} 的网络路径',
  'fix.gogetCredentials.nested': '不带凭据时，{where} 对嵌套群组的 ?go-get=1 请求只返回路径的前两段，于是 go 向 git 要了一个错误的仓库。',
  'fix.gogetCredentials.only': '{where} 只应答带凭据的 ?go-get=1 请求。',
  'fix.gogetCredentials.title': '为 {where} 给 go 配置凭据（~/.netrc 或 GOAUTH）',
  'fix.gogetCredentials.text':
    '{why}请在 ~/.netrc 中添加 `machine {where} login <user> password <token>`（使用有读权限的令牌），或者设置 GOAUTH；这个请求不会询问 git 自己的凭据助手。',
  'fix.vcsSuffix.title': '用以 .git 结尾的路径引用模块',
  'fix.vcsSuffix.text': '以 .git 结尾的路径直接指明了仓库，go 会用 git 获取它，而不去请求 go-get 页面（{example}）；模块自己的 go.mod 必须声明这个路径。',
  'fix.word.theModule': '这个模块',
  'fix.sumdbRetagged.title': '改用 {module} 的其他版本，或者请作者发布新标签',
  'fix.sumdbRetagged.text':
    '公共校验和数据库（以及模块代理）无法获取这个版本：标签被删除后又重新创建、在第一次请求之后才推送，或者镜像无法打包。请改用其他版本（go list -m -versions），或者请作者发布新标签。对公开模块设置 GOPRIVATE 只会关闭校验。',
  'fix.installVcs.title': '安装 {tool}',
  'fix.installVcs.text': '这个模块要用 {tool} 获取，但它没有安装或不在 PATH 中。请安装它，或者引用一个用 git 托管的分叉版本。',
  'fix.goSumRepair.titleLine': '（第 {line} 行）',
  'fix.goSumRepair.title': '修复 go.sum{line}',
  'fix.goSumRepair.text': '从 go.sum 中删除格式错误的那一行{line}，或者运行 `go mod tidy`，它会根据 go.mod 重写 go.sum 并重新校验每一个哈希。',
  'fix.moduleLine.title': '给 go.mod 添加 module 行',
  'fix.moduleLine.text': '给 go.mod 设置模块路径：`go mod edit -module=example.com/mod`（你的 import 所用的路径）。',
  'fix.sumdbMirror.choice': '使用一个从这里能访问的校验和数据库：GOSUMDB={choice}',
  'fix.upgrade.title': '把 {module} 升级到 {version}',
  'fix.leaveRetracted.title': '把 {module} 换成 {version}，即最新的未被撤回的版本',
  'fix.leaveRetracted.latest': '把 {module} 换成它最新的未被撤回的版本',
  'fix.deprecatedReplacement.title': '了解 {replacement}：{module} 的作者推荐用它替代',
  'fix.deprecatedReplacement.text': '{module} 的作者弃用了它，并推荐 {replacement}。换用它意味着要修改你的 import：那是另一个模块。',

  'fixError.envFile': '找不到 go 的环境配置文件：{error}',
  'fixError.goenvOff': 'GOENV=off：go env -w 无法写入设置。要使用修改 Go 设置的修复，请取消设置 GOENV。',
  'fixError.gitConfig': 'git config 失败：{error}',
  'fixError.goEnv': 'go env 失败：{error}',
  'fixError.goGet': 'go get 失败：{error}',
  'fixError.undo': '撤销失败：{error}',
  'fixError.isCommand': '“{title}”是一条需要你自己运行的命令：{command}',
  'fixError.isGuidance': '“{title}”是操作指引，不是一项改动：{text}',
  'fixError.cannotApply': '“{title}”无法应用',
  'fixError.changedSince.left': '{file} 在修复写入之后又被修改过；撤销会丢掉这些修改，所以保持原样。',
  'fixError.changedSince.nothing': '{file} 在修复写入之后又被修改过；撤销会丢掉这些修改，所以什么也没有撤销。',
};
