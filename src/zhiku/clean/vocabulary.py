"""The generic zh/en vocabulary of site chrome, shared by the line classifiers.

Only words any portal or blog uses for its own furniture (buttons, labels, legal notices) belong
here, never strings of one particular site: the rules must work on sites we have not seen.
Every pattern is compiled once at import; nothing here is mutable.

The patterns are lowercase and case-sensitive: match them against ``line.lower()`` of a line
folded to Simplified characters. (``re.IGNORECASE`` makes these long alternations about eight
times slower, and cleaning must keep up with 200 pages a second.)
"""

from __future__ import annotations

import re


def _alternation(words: tuple[str, ...]) -> str:
    # Longest first, so "热门搜索" wins over "搜索" and the residue left behind is clean.
    return "|".join(re.escape(w.lower()) for w in sorted(words, key=len, reverse=True))


UI_WORDS: tuple[str, ...] = (
    # zh: buttons, menus, comment boxes, share bars
    "首页",
    # a post's status badges: never a name
    "原创",
    "置顶",
    "精选",
    "网站首页",
    "返回首页",
    "返回顶部",
    "回到顶部",
    "返回",
    "登录",
    "登陆",
    "注册",
    "退出",
    "搜索",
    "热门搜索",
    "热搜",
    "热门标签",
    "标签",
    "收藏",
    "收藏本文",
    "已收藏",
    "取消收藏",
    "分享",
    "分享到",
    "转发",
    "点赞",
    "赞",
    "踩",
    "评论",
    "发表评论",
    "写评论",
    "查看评论",
    "回复",
    "举报",
    "打印",
    "关闭",
    "字号",
    "默认",
    "更多",
    "展开",
    "收起",
    "全文",
    "阅读全文",
    "上一篇",
    "下一篇",
    "上一页",
    "下一页",
    "尾页",
    "菜单",
    "导航",
    "订阅",
    "关注",
    "取消关注",
    "私信",
    "复制链接",
    # a share widget's notice once the link is copied
    "链接已复制",
    "已复制链接",
    "link copied",
    "复制代码",
    "copy code",
    "topics",
    # a podcast page's tabs and an article's audio player
    "shownotes",
    "show notes",
    "transcript",
    "ai voice",
    "扫一扫",
    "微博",
    "微信",
    "朋友圈",
    "QQ空间",
    "豆瓣",
    "知乎",
    "提交",
    "取消",
    "确定",
    "发布",
    "成功",
    "失败",
    "我要评论",
    "我要投稿",
    "投稿",
    "客户端",
    "下载",
    "APP",
    "app",
    "打开",
    "设为首页",
    "加入收藏",
    "网站地图",
    "RSS",
    # zh-Hant usage, folded to Simplified characters (lines are folded before matching)
    "搜寻",
    "热门搜寻",
    "登入",
    "登出",
    "注册会员",
    "加入会员",
    "会员",
    "留言",
    "回覆",
    "按赞",
    "追踪",
    "字级",
    "字体",
    "列印",
    "复制连结",
    "选单",
    "看更多",
    "电子报",
    "隐私政策",
    "隐私权政策",
    "服务条款",
    "使用条款",
    "关于我们",
    "广告服务",
    "意见反馈",
    "网站导航",
    "免责声明",
    "版权声明",
    "点击",
    "阅读",
    "浏览",
    "喜欢",
    "在看",
    "分享本文",
    "创建话题",
    "话题",
    "分享至",
    "分享给朋友",
    "广告",
    "赞助",
    "帮助",
    # forums and Q&A sites
    "楼主",
    "沙发",
    "板凳",
    "地板",
    "楼层",
    "只看该作者",
    "只看楼主",
    "倒序浏览",
    "正序浏览",
    "电梯直达",
    "发新帖",
    "发帖",
    "回帖",
    "点评",
    "高级模式",
    "发表回复",
    "立即注册",
    "使用道具",
    "查看",
    "查看全部",
    "写回答",
    "邀请回答",
    "关注问题",
    "好问题",
    "添加评论",
    "更多回答",
    "等你来答",
    "赞同",
    "反对",
    "感谢",
    "没有帮助",
    "切换为时间排序",
    "新手上路",
    "初级会员",
    "中级会员",
    "高级会员",
    "金牌会员",
    "论坛元老",
    "注册会员",
    "版主",
    "超级版主",
    "管理员",
    "跳转到指定楼层",
    "显示全部楼层",
    "发消息",
    "加好友",
    "打招呼",
    "串个门",
    "收听",
    "升级",
    "马上注册",
    "没有账号",
    "找回密码",
    "自动登录",
    "快速登录",
    "用户名",
    "密码",
    "立即登录",
    "只看大图",
    "本帖",
    "复制本帖链接",
    "楼主 |",
    "最新回复",
    "阅读模式",
    "打印本页",
    "主题推荐",
    # en
    "home",
    "archives",
    "menu",
    "search",
    "login",
    "log in",
    "sign in",
    "sign up",
    "register",
    "logout",
    "share",
    "share this",
    "share on",
    "tweet",
    "email",
    "print",
    "copy link",
    "facebook",
    "twitter",
    "linkedin",
    "reddit",
    "whatsapp",
    "telegram",
    "pinterest",
    "comment",
    "comments",
    "reply",
    "like",
    "likes",
    "follow",
    "subscribe",
    "save",
    "bookmark",
    "next",
    "previous",
    "prev",
    "back to top",
    "scroll down",
    "scroll to top",
    "back to blog",
    "back to home",
    "back to articles",
    "back to all articles",
    "back to posts",
    "back to all posts",
    "back to news",
    "back to list",
    "返回列表",
    "返回博客",
    # the label of a box of repost or copyright details
    "转载信息",
    "转载说明",
    "版权信息",
    "原文信息",
    "文章信息",
    "skip to content",
    "skip to main content",
    "skip to navigation",
    "jump to content",
    "jump to main content",
    "jump to navigation",
    "get app",
    "read more",
    # a hint over a table or a gallery wider than the phone: "上下滑动查看更多"
    "上下滑动查看更多",
    "左右滑动查看更多",
    "滑动查看更多",
    "swipe to see more",
    "scroll to see more",
    # a long article's toggle: "Read MoreHide Full Article"
    "hide full article",
    "show full article",
    "see full bio",
    "view original",
    "view original article",
    "view original post",
    "view full bio",
    "read full bio",
    "continue reading",
    "keep reading",
    "more",
    "close",
    "open",
    "toggle",
    "navigation",
    "view",
    "views",
    "clap",
    "claps",
    "min read",
    "minute read",
    "mins read",
    "read time",
    "listen",
    "listen to this story",
    "listen to this article",
    "分钟阅读",
    "阅读时长",
    "line",
    "advertisement",
    "sponsored",
    "help",
    "open in app",
    "write",
    "followers",
    "share full article",
    "cite",
    "export",
    "download pdf",
    "view pdf",
    # a paper's or a project's link buttons
    "view paper",
    "read paper",
    "read the paper",
    "view on arxiv",
    "view on github",
    "open in colab",
    "view code",
    "view source",
    "view demo",
    "live demo",
    "open in new tab",
    "open in a new tab",
    # a business site's contact buttons
    "let's talk",
    "let’s talk",
    "book a demo",
    "request a demo",
    "talk to sales",
    "get in touch",
    "pdf",
    # a table of contents whose entries were lost
    "table of contents",
    "on this page",
    "in this article",
    "目录",
    "文章目录",
    "本文目录",
)
UI_WORDS_RE = re.compile(_alternation(UI_WORDS))
# An ad slot's label: English, German, Spanish, French, Italian, Dutch, Indonesian (Blogger
# templates: "Iklan Atas / Tengah / Bawah Artikel"), Chinese, Japanese, Korean.
AD_SLOT_RE = re.compile(
    r"^[-–—\[(（【]*\s*(?:advertisement|advertising|sponsored (?:content|post)|anzeige|werbung|"
    r"publicidad|publicité|pubblicità|advertentie|reklame|"
    r"iklan(?:\s+(?:atas|tengah|bawah|dalam|sidebar|sponsor))?(?:\s+(?:artikel|konten|post))?|"
    r"广告|廣告|広告|광고)\s*\d*\s*[-–—\])）】]*"
    # a banner slot named by its size: "Leaderboard 970x250", "Sidebar ad 300x250"
    r"|^.{0,40}\b(?:970x250|970x90|728x90|300x250|300x600|160x600|320x50|320x100|336x280|468x60)\b"
    # "广告 - 内文未完请往下卷动": the label and a note that the article goes on below it
    r"(?:\s*[-–—:：|,，]\s*\S[^。.!?！？]{0,14}(?:往下|下方|继续|below|continue|scroll)\S{0,8})?"
    r"\s*[-–—]*$"
)

# A "label: value" field of a byline or info bar; the value is matched separately.
META_LABELS: tuple[str, ...] = (
    "作者",
    "撰文",
    "文字",
    "记者",
    "编辑",
    "责任编辑",
    "责编",
    "主编",
    "编译",
    "翻译",
    "译者",
    "校对",
    "审核",
    "审校",
    # a piece's production credits: "出品 | 某某科技组", "排版:X", "编辑整理|X"
    "出品",
    "出品方",
    "出品社区",
    "排版",
    "编辑整理",
    "整理",
    "策划",
    "监制",
    "美编",
    "运营",
    "视觉",
    "设计",
    "来源",
    "来自于",
    "来自",
    "出处",
    "出自",
    "转载自",
    "转自",
    "稿源",
    "原载",
    "发布时间",
    "发表时间",
    "更新时间",
    "时间",
    "日期",
    "发布于",
    "首发于",
    "发表于",
    "更新于",
    "原文链接",
    "原文地址",
    "本文链接",
    "文章链接",
    "原文",
    "标签",
    "关键词",
    "关键字",
    "分类",
    "栏目",
    "图片来源",
    "图片源于",
    "题图",
    "头图",
    "摄影",
    "本文转载自",
    "原文连结",
    "原文网址",
    "本文连结",
    "发布日期",
    "发佈时间",
    "发佈",
    "出版",
    "姓名",
    "职业",
    "职位",
    "个人简介",
    "简介",
    "更新日期",
    "最后更新",
    "最后修改",
    "最后修改于",
    "last updated",
    "published on",
    "posted on",
    "updated on",
    "written on",
    "author",
    "authors",
    "by",
    "written by",
    "posted by",
    "source",
    "via",
    "published",
    "posted",
    "updated",
    "date",
    "tags",
    "tagged",
    "category",
    "categories",
    "filed under",
    "photo",
    "image",
    "submitted",
    "submitted on",
    "last revised",
    "ip属地",
    "ip 属地",
    "published in",
    "posted in",
)
META_LABEL_RE = re.compile(rf"(?:{_alternation(META_LABELS)})\s*(?:[:：|｜丨/／]|(?=[“\"「『《]))")
# The labels alone, as words (with "on"/"于" as in "Published on", "发布于").
META_LABEL_WORDS_RE = re.compile(rf"(?:{_alternation(META_LABELS)})(?:\s+on|\s+at)?")
# A list item's term, a compound ending in a label word ("模组化设计", "数据整理"), and a phrase
# explaining it: no name is that long.
TERM_AND_GLOSS_RE = re.compile(
    rf"^(?:[-•*·]\s*)?[\u3400-\u9fff]+(?:{_alternation(META_LABELS)})\s*[:：]\s*[\u3400-\u9fff，,、]{{8,}}$"
)
# A label followed by its value (a name, a site, a short phrase), for measuring residue.
META_FIELD_RE = re.compile(
    rf"(?:{_alternation(META_LABELS)})\s*[:：|｜丨/／]?\s*[“\"「『《]?"
    rf"(?:[a-z][\w.'’-]*(?:\s[a-z][\w.'’-]*){{1,3}}(?=\s*(?:$|[|｜丨,，;；·•]))"
    rf"|[^\s|｜丨,，;；“”\"「」『』《》]{{0,30}})[”\"」』》]?",
)
# "文／X", "图｜X": one-character labels with their value, only where no word runs into them.
# Kept apart from META_FIELD_RE: a lookbehind in that alternation would make it 4x slower.
SHORT_FIELD_RE = re.compile(
    r"(?<![\w\u3400-\u9fff])(?:文图|图文|文|图)\s*[:：|｜丨/／]\s*[^\s|｜丨,，;；]{1,12}"
)

COUNTER_WORDS = (
    r"点击|点击量|点阅|阅读|阅读量|浏览|浏览量|人阅读|人浏览|人看过|次浏览|次阅读|次播放|播放|评论|"
    r"观看|次观看|按赞|留言|"
    r"条评论|点赞|赞|收藏|分享|转发|在看|热度|人气|"
    r"浏览次数|阅读次数|点阅次数|点阅数|观看次数|查看|回复|回帖|关注者|被浏览|赞同|"
    r"人赞同了该回答|人赞同了该文章|赞同了该回答|赞同了该文章|个回答|条回答|个评论|"
    r"views?|reads?|likes?|comments?|shares?|claps?|reactions?|responses?|hits|followers|"
    r"upvotes?|points|answers?|min read|mins read|minute read|minutes read|分钟阅读|分钟读完|"
    r"投票人数|投票数|票数|votes?|推荐指数|下载|下载次数|下载量|downloads?"
)
_NUMBER = r"\d[\d,.]*\s*(?:[万千亿kKwWmM]\+?)?"
# Longest first, so "赞同了该文章" is matched whole rather than as "赞" and a residue.
COUNTER_WORDS = "|".join(sorted(COUNTER_WORDS.split("|"), key=len, reverse=True))
COUNTER_RE = re.compile(
    rf"(?:{_NUMBER}\s*(?:次|人|条)?\s*(?:{COUNTER_WORDS})"
    rf"|(?:{COUNTER_WORDS})\s*[:：(（\[]?\s*{_NUMBER}\s*[)）\]]?)",
)

# A forum poster's profile card: labelled counts and dates about the user, not the post.
FORUM_PROFILE_RE = re.compile(
    r"注册时间|最后登录|在线时间|阅读权限|用户组|积分|帖子|主题|精华|金钱|金币|威望|贡献|好友|听众|"
    r"uid|注册于|加入于|joined|posts|reputation|karma|member since"
)

# "by jane doe" (lowercased): an English byline, the author's name taken as up to four words.
# Not "by the numbers", "by far": a bare "by" before an article or an adverb is a phrase.
EN_BYLINE_RE = re.compile(
    r"\b(?:by(?!\s+(?:the|a|an|far|default|design|now|then|way)\b)|written by|posted by|submitted by|edited by|reviewed by|published in)\s+"
    r"(?:(?:u/|@)[\w.-]+|[^\W\d_][\w.'’-]*(?:\s+[^\W\d_][\w.'’-]*){0,3})"
    # a template whose author field came out empty: "Written by 18:04 Tech News Views:"
    r"|\b(?:written|posted|published) by\s+(?=\d{1,2}[:/.]\d)"
)

# Contact furniture: the label, then (usually) a value.
CONTACT_LABELS: tuple[str, ...] = (
    "联系我们",
    "联系方式",
    "联系电话",
    "联系邮箱",
    "投稿邮箱",
    "商务合作",
    "广告合作",
    "合作",
    "邮箱",
    "电子邮件",
    "电子邮箱",
    "QQ号",
    "QQ群",
    "QQ",
    "微信号",
    "微信",
    "公众号",
    "电话",
    "手机",
    "热线",
    "客服",
    "传真",
    "地址",
    "邮编",
    "工作时间",
    "工作日",
    "营业时间",
    "联络我们",
    "联络方式",
    "联络电话",
    "信箱",
    "服务时间",
    "服务专线",
    "客服专线",
    "节假日休息",
    "节假日",
    "休息",
    "contact us",
    "contact",
    "e-mail",
    "email",
    "tel",
    "phone",
    "fax",
    "address",
    "hotline",
    "office hours",
)
CONTACT_RE = re.compile(_alternation(CONTACT_LABELS))
EMAIL_RE = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+|\[email(?:&#160;|\s)*protected\]")
PHONE_RE = re.compile(r"\+?\d[\d\s()-]{6,}\d|\d{1,2}:\d{2}\s*[-–~至]\s*\d{1,2}:\d{2}")

# A site speaking about itself, and the legal words it uses when it does.
SELF_REFERENCE_RE = re.compile(
    r"本站|本网|本网站|本平台|本公众号|本号|本刊|本文|本篇|本报|本栏目|本页|"
    r"this (?:site|website|blog|page|article|publication)|our (?:site|website)",
)
LEGAL_TERMS_RE = re.compile(
    r"转载|授权|版权|侵权|删除|免责|声明|不代表|仅代表|立场|观点|仅供|参考|来源于网络|网友|"
    r"原创|许可|联系|联络|商业用途|法律责任|抓取|爬虫|网路|禁止|注明|出处|违者|必究|追究|"
    r"不得转载|重制|公开播送|"
    r"copyright|rights|reproduc|permission|disclaimer|views expressed|opinions|liable|"
    r"responsib|endorse",
)
# A notice in its own right (strong), or words that are a notice only on a short line or where
# the site speaks about itself (weak: "copyright" also names a legal topic in body prose).
COPYRIGHT_RE = re.compile(
    r"©|\(c\)\s*\d{4}|copyright\s*(?:©|\(c\)|\d{4})|版权所有|all rights reserved|保留所有权利|"
    r"著作权归作者所有|版权归原?作者|"
    # a publisher's notice: "本集团所刊载内容的知识产权均属其旗下媒体"
    r"刊载.{0,8}内容.{0,6}知识产权",
)
WEAK_COPYRIGHT_RE = re.compile(r"copyright|未经授权|未经许可|非经授权|未经同意|转载请注明|禁止转载")
# Where a piece first appeared: "本文最初发布于…，经授权翻译并分享", "Originally published at …".
PROVENANCE_RE = re.compile(
    r"以下文章来源于|最初发布于|首发于|原载于|原发于|原文刊于|"
    # a magazine's issue the piece comes from: "本文出自 2026 / 2月号杂志"
    r"^本文(?:出自|选自|摘自|刊于|刊登于)\s*\S.{0,30}(?:期|号|杂志|月刊|周刊|期刊)|"
    # "本文整理自某某在某会议的演讲": the piece is the talk written up, a fact about it, kept
    r"整理自(?![^。]{0,60}(?:演讲|讲座|发言|访谈|直播|报告|talk|keynote))|转载自|最早发表于|翻译并分享|翻译并发布|本文由.{0,24}原创|经.{0,10}授权.{0,10}(?:翻译|转载|发布)|"
    r"originally (?:published|appeared|posted)|first (?:published|appeared|posted) (?:on|at|in)|"
    r"republished (?:with|from|here)|cross-?posted (?:from|on)|reprinted (?:with|from)|"
    # a mirror's note: "Mirrored from Example (Jane Doe) for archival readability"
    r"^(?:mirrored|syndicated|reposted) from\b|"
    # a repost's credit of its author and platform: "转载:某平台 某作者"
    r"^(?:转载|轉載|转自|轉自)\s*[:：]"
)
LEGAL_ID_RE = re.compile(r"icp[备证]|公网安备|经营许可证|网信算备|违法和不良信息举报")

# Calls to action that wrap articles on blogs, newsletters and WeChat reposts.
CALL_TO_ACTION_RE = re.compile(
    r"share this|share on|sign up|subscribe to|subscribe now|our newsletter|newsletter sign|"
    r"subscribe (?:and|to) (?:get|receive)|"
    r"(?:join|get|receive|read|subscribe to) (?:the|this|my|our)(?: [\w-]+){0,2} newsletter|"
    r"we use cookies|this (?:site|website) uses cookies|cookie policy|cookie settings|"
    # consent banners and language-switch prompts, in the page's language or another
    r"(?:本网站|本站|我们)使用[^。]{0,20}(?:cookie|技术)|关闭此(?:视窗|窗口)|(?:代表|即表示|表示)您同意|"
    r"同意我们的隐私|才能启用|would you like to (?:go|switch|visit|be redirected)|"
    r"does not (?:appear to )?support (?:traditional|simplified) chinese|に移動しますか|"
    # share buttons run together: "Share Article via FacebookShare Article via Twitter"
    r"^(?:share (?:this )?(?:article|story|post|page) (?:via|on) [a-z]+?\s*(?=share|$)){2,}$|"
    r"accept (?:all )?cookies|accept all|manage (?:preferences|cookies)|privacy policy|"
    r"terms of (?:service|use)|you agree|leave a (?:comment|reply)|post a comment|"
    r"your email address will not be published|required fields are marked|follow us|"
    r"click here|join our|get the latest|delivered (?:\w+ ){0,2}to your inbox|free trial|"
    r"stay (?:informed|up to date|in the loop) with|no spam|unsubscribe (?:at )?any ?time|"
    # an advert's button at the end of its line: "…實作出創新應用!前往了解"
    r"(?:前往|立即|马上|点击)了解(?:更多|详情)?[!！>›»]*$|^了解更多[!！>›»]*$|"
    # a sign-off asking for a subscription: "Enjoyed this article?"
    r"^(?:enjoyed|like|liked|love|loved) (?:this|the) (?:article|post|piece|story|read)\?|"
    # a wiki's invitation to edit: "Improve this article"
    r"^improve this (?:article|page|entry)$|"
    # a newsletter's heading: "Stay up to date on emerging tech"
    r"^stay (?:informed|up to date|in the loop) (?:on|about) [\w -]{1,40}$|"
    r"follow (?:[\w.-]+ ){1,4}on (?:whatsapp|telegram|twitter|x|facebook|instagram|linkedin|threads)\b|"
    r"欢迎投稿|投稿请联系|投稿邮箱|"
    # an invitation to the author's reader group: "欢迎大家入群", "扫码进群"
    r"欢迎(?:大家|各位)?(?:加|进)?入群|(?:扫码|扫描二维码)(?:入|进)群|"
    r"扫码关注|扫描二维码|长按识别|长按二维码|识别二维码|关注公众号|关注我们|点击上方|蓝字|"
    r"点个在看|点赞在看|加星标|设为星标|星标我们|欢迎关注|欢迎转发|分享到|免费订阅|订阅我们|加入我们的|"
    r"下载客户端|打开app|阅读原文|戳这里|点击这里|点击阅读|订阅电子报|加入会员|"
    # an aggregator's template sign-off: "希望对大家有一定的参考价值，…随着小编来一起学习吧"
    r"(?:随着|跟着|跟随)小编|小编(?:来)?一起|一定的参考价值|"
    # an app's placeholder for a picture or video it shows only in the app
    r"(?:打开|下载)[^\s，。]{0,10}\s*(?:查看|观看|阅读)[^\s，。]{0,6}(?:图片|视频|全文|内容)|"
    r"追踪我们|按赞|免费注册|马上注册|立即注册|没有帐号|没有账号|建议收藏|建议点赞|点赞收藏|收藏备用|"
    r"先赞后看|点赞关注|做好友|加好友|加入好友|in your inbox|thanks for reading|subscribe for free|"
    # the like / follow / save triplet a post asks for: "赶紧点赞、关注、收藏~"
    r"(?:点赞|关注|收藏|转发)[、，,和与及 ]\s*(?:点赞|关注|收藏|转发)[、，,和与及 ]\s*(?:点赞|关注|收藏|转发)|"
    r"感谢阅读|感谢您的阅读|专栏订阅|订阅专栏|专栏详细介绍|付费专栏|(?:请)?点击订阅|"
    # a sales page's closing pitch: "Ready to bring AI into your workflow?", "Discover how X can
    # transform your business"
    r"^ready to [\w -]{3,60}\binto your (?:workflow|business|team|stack|product)s?\?|"
    r"\bdiscover how [\w .&-]{2,40} can (?:transform|help|power|grow) your (?:business|team|company)\b|"
    r"加入.{0,16}line\s*好友|快点我加入|was this (?:article|post|page) (?:worth reading|helpful|useful)|"
    r"join now|get started for free|start (?:your )?free trial|"
    # an advert's alt text: "Certified Example Expert Ad Strip"
    r"\b(?:ad strip|ad banner|banner ad)$|"
    # a picture's zoom prompt: "Press enter or click to view image in full size"
    r"click to view (?:the )?image in full size|"
    # a language notice: "This article is only available in Chinese", "viewing the original"
    r"(?:is|are) (?:currently )?only available in (?:chinese|english|japanese|korean)|"
    r"(?:you are|you're) (?:now )?viewing the original|被收录于专栏|"
    # a paywall's or a course's preview notice
    r"requires? (?:a )?(?:login|log in|sign in|subscription|membership) to|"
    r"(?:you are|you're) (?:viewing|reading) (?:a|the) (?:free )?preview|accept the conditions to access|"
    r"^keep reading with [\w ]{1,20}\.?$|\bunlock the full (?:article|story|post|lesson|concept|course)\b|"
    r"登录(?:后)?(?:才能)?(?:查看|阅读)(?:全文|完整)|"
    # a page's <noscript> notice, and its notice that the browser is too old
    r"enable javascript to|javascript is (?:disabled|required)|请启用 ?javascript|"
    r"(?:更新|升级)(?:您的|你的)?浏览器|浏览器(?:的)?(?:版本)?(?:较旧|过旧|过时|太旧)|"
    r"不再(?:受)?支[持援](?:您的|你的|此|该|这个)?浏览器|(?:update|upgrade) your (?:web )?browser|"
    r"your browser is (?:out of date|outdated|not supported|no longer supported)|unsupported browser|"
    # a newsletter's social proof: "400,000+ leaders are already subscribed"
    r"\d[\d,.]*\+?k?\s+(?:\w+\s){0,2}(?:are|have) already (?:subscribed|signed up|joined)",
)
# A newsletter's greeting to its readers: a hello, then what this issue is.
GREETING_RE = re.compile(
    r"^\W{0,3}(?:(?:hey|hi|hello|good morning|welcome|howdy|greetings)(?![a-z])|大家好|各位好|欢迎来到|欢迎阅读)"
)
ISSUE_WORDS_RE = re.compile(
    r"newsletter|today's|this week's|this issue|edition|rundown|digest|roundup|briefing|weekly|recap|"
    r"本期|今日|今天的|周报|日报|简报|早报"
)
# Words that name a publication ("… Daily Digest", "某某日报"): a name with one is an outlet.
OUTLET_WORDS_RE = re.compile(
    r"\b(?:daily|weekly|monthly|news|digest|times|post|journal|review|magazine|tribune|herald|"
    r"gazette|report|insider|newsletter|today|wire|chronicle|observer|bulletin|press|media)\b|"
    r"日报|晚报|早报|时报|周刊|月刊|双月刊|季刊|周报|新闻|通讯社|电视台|杂志|传媒|媒体"
)
# An outlet's name alone ("某某月刊", "某某时报"), folded.
OUTLET_NAME_RE = re.compile(
    r"^[\u3400-\u9fff]{1,10}(?:日报|时报|晚报|早报|周刊|月刊|季刊|杂志|通讯社|新闻社|电视台|电台|新闻网|新闻|报|社)$"
)
# The header of a sponsor's block inside an article or a newsletter.
SPONSOR_RE = re.compile(  # searched on short lines only
    r"a (?:message|word) from (?:our )?(?:featured |today's )?(?:partner|sponsor)s?|sponsored by|"
    r"presented by|(?:edition|issue|newsletter|episode) is (?:supported|sponsored|powered) by|"
    r"brought to you by|together with|from our sponsors?|in partnership with|paid partnership|"
    r"赞助商|本期赞助|赞助内容|广告合作|推广内容|合作推广"
)
# A download box a mirror site injects: "【免费下载链接】…", "[Download link] …".
DOWNLOAD_LABEL_RE = re.compile(
    r"[【\[]\s*(?:免费)?(?:下载链接|下载地址|下载|镜像地址|镜像下载|免费获取|"
    r"free download|download link|download|mirror)[^】\]]{0,10}[】\]]"
)

# Gates and prompts that are calls to action only on a short line ("登录后才可以回帖").
SHORT_CALL_TO_ACTION_RE = re.compile(
    r"登录后|登入后|需要登录|请登录|请先登录|才可以回帖|才能评论|才能回复|"
    r"log in to|login to|sign in to|to comment|to reply|sign up to|create an account|open in app|"
    r"play episode|listen now|play now|listen on|listen along|收听本集|播放本集|立即收听|"
    r"play full episode|now playing|现正播放|正在播放|足本播放|"
    r"微信搜一搜|关注公众号|"
    # promotions: courses, coupons, fan pages, apps
    r"立即报名|点击报名|报名链接|免费领取|扫码领取|领取资料|限时免费|限时优惠|立即抢购|课程推荐|优惠券|"
    r"领红包|领超级红包|红包到手|淘宝搜|京东搜|"
    # a vendor's sales banner: "立即询价 →", "9月现货直发 · 欢迎点击洽谈", "Request a quote"
    r"立即询价|在线询价|获取报价|欢迎(?:点击)?洽谈|限时供应|现货直发|request a quote|get a quote|"
    r"粉丝专页|免费加入|立即加入|join for free|join now|粉丝团|加入好友|line好友|官方line|订阅频道|"
    r"enroll now|register now|limited offer|use code|follow us on|(?:download|get) the (?:[\w-]+ )?app\b|"
    # a browser push-notification prompt, a subscription pitch
    r"send push|allow notifications|enable notifications|turn on notifications|开启通知|开启推送|"
    r"立即订阅|马上订阅|"
    r"app ?icon|请继续往下阅读|继续往下阅读|continue reading|"
    # a course platform's learner counts and coupon pop-ups
    r"人正在(?:系统)?学习|人已学习|people are learning|放弃(?:本次|这次|此次)?(?:机会|优惠)|福利倒计时|"
    # a documentation page's feedback and edit links
    r"edit this page|edit on github|was this (?:page|article|doc) helpful|did this page help|"
    r"suggest (?:an )?edits?|编辑此页|在 ?github ?上编辑|本页(?:内容)?(?:是否)?有(?:所)?帮助|这篇文档(?:是否)?有帮助|"
    r"report this (?:article|post|answer|comment)|举报(?:该|此)(?:文章|回答)",
)

# A one-line pointer to another article ("Read more: …", "相关阅读：…").
RELATED_LINK_RE = re.compile(
    r"^(?:read more|read next|read also|also read|see also|related|more|recommended|"
    r"(?:您|你)可能(?:想|会)?(?:阅读|喜欢|感兴趣)[^:：]{0,8}|you (?:may|might) (?:want to read|like)[^:]{0,20}|"
    r"相关阅读|相关文章|延伸阅读|推荐阅读|扩展阅读|拓展阅读|相关链接|相关报道|相关报导|相关新闻|"
    r"精选报道|精选报导|精选文章|热门报道|热门文章|推荐报道|编辑推荐|更多新闻|更多报道|更多报导|"
    r"阅读更多)\s*[:：︰]"
    # a summary's link to the piece it summarises: "Original: <its title> View original →"
    r"|^(?:original|source)\s*[:：].{2,100}?\bview (?:original|source)\b"
    # a post's place in its series, linked: "Part of the Agent Engineering Guide ... from …"
    r"|^part of (?:the|our|my|a) [^.。:]{2,60}?(?:guide|series|course|collection|handbook|playbook)\b"
    # "详细定义与案例请见:<另一篇的标题>": where to read more, a headline after it
    r"|^[^:：。，,]{0,10}(?:请见|详见|参见|请参阅|请参考)\s*[:：︰]\s*[^。；;]{4,80}[^。.；;:：]$"
    # a post of the same series, by its bracketed part: "完整比较:[Agent Part 1] …"
    r"|^[^:：。]{1,8}[:：]\s*\[[^\[\]]{1,30}\bpart\s*\d{1,2}\]\s*\S"
    # the same label in brackets: "<延伸学习> …", "【延伸阅读】…"
    r"|^[<《【\[〔]\s*(?:延伸阅读|延伸学习|相关阅读|推荐阅读|扩展阅读|相关文章|相关新闻|read more|related|"
    r"see also|also read)\s*[>》】\]〕]\s*\S",
    re.IGNORECASE,
)
# A reading-list label whose links were lost: "Before this, read:", "Prerequisites:".
READING_LIST_LABEL_RE = re.compile(
    r"(?:\bread(?: first| this| these)?|\bprerequisites?|先读|必读|前置阅读)\s*[:：]$"
)

# Previous / next links between articles; lines open with one.
PAGER_RE = re.compile(
    r"上一篇|下一篇|上一页|下一页|上一则|下一则|上一条|下一条|前一篇|后一篇|"
    r"previous (?:post|article|story|page|entry)|next (?:post|article|story|page|entry)|"
    r"older post|newer post|«\s*previous|next\s*»|‹\s*prev|next\s*›|"
    # "Previous14 · Some paper", "Next · Another post": a card's number and a separator
    r"^(?:previous|prev)\s*\d*\s*[·•|»›:：]|^next\s*\d*\s*[·•|»›]",
)
# Labels that introduce a tag or keyword list ("热门标签 A B C", "Tags A B C").
CLOUD_LABEL_RE = re.compile(
    r"^(?:热门标签|热门关键词|热门话题|热门搜索|热搜|相关标签|文章标签|本文标签|标签|关键词|关键字|"
    r"tags?|tagged|topics?|keywords?|related topics)\s*[:：|｜]?\s*",
)

# Headers that open an appended block of recommendations, related links or an author box.
TRAILING_HEADER_RE = re.compile(
    r"为您推荐|为你推荐|为您匹配|为你匹配|相关推荐|相关阅读|相关文章|相关资源|推荐阅读|延伸阅读|"
    r"扩展阅读|拓展阅读|猜你喜欢|热门文章|热门推荐|精彩推荐|往期推荐|往期回顾|往期精选|更多精彩|"
    r"资源推荐|相关资源|作者简介|关于作者|(?<!滑动查)(?<!滑动)看更多|更多文章|更多报导|相关新闻|相关报导|相关报道|"
    r"热门新闻|最新新闻|即时新闻|推荐新闻|更多新闻|编辑推荐|热门阅读|最热文章|最新文章|"
    r"^也许(?:您|你)会感兴趣|^(?:您|你)可能会?感兴趣|"
    # English headers as words of their own: "Data TypeRecommended Size" is a table's header row
    r"(?<![a-z])(?:related (?:posts|articles|stories|reading|content|coverage|news|terms|entries"
    r"|guides|tutorials|analysis|analyses|insights|research|resources)|"
    r"you (?:may|might) also like|(?:posts|articles|pages) (?:that|which) use this (?:term|tag)|"
    r"recommended(?: for you| reading| articles| from)?|more from|more stories|read next|"
    r"popular (?:posts|stories)|most (?:popular|read|viewed|shared)|trending|about the author|"
    r"written by|editors'? picks|top stories|latest news)|"
    # an author box's header naming its author: "The author Jane Doe"
    r"^the author\s+[a-z][a-z.'-]*(?:\s+[a-z][a-z.'-]*){0,2}$",
)

# Markdown editor help shown under comment boxes.
MARKUP_EXAMPLE_RE = re.compile(
    r"\*\*[^*\s][^*]*\*\*|(?<!\w)_[^_\s][^_]*_(?!\w)|\[[^\]]+\]\([^)]+\)|`[^`]+`"
)
MARKUP_WORDS_RE = re.compile(
    r"粗体|斜体|链接|代码|列表|引用|标题|图片|"
    r"(?<![a-z-])(?:bold|italic|link|code|list|quote|heading|image)(?![a-z-])",
)

BREADCRUMB_HOME_RE = re.compile(
    r"^(?:首页|主页|网站首页|当前位置|目前位置|您的位置|你的位置|所在位置|位置|home)\s*(?:[:：>›»/→]|$)",
)

EN_STOPWORDS = frozenset(
    [
        # prepositions a headline joins its words with ("… Veteran Amid Staff Departures")
        "amid",
        "among",
        "despite",
        "via",
        "against",
        "toward",
        "towards",
        "upon",
        "beyond",
        "behind",
        "versus",
        "after",
        "before",
        "under",
        "a",
        "an",
        "the",
        "of",
        "to",
        "in",
        "on",
        "for",
        "and",
        "or",
        "but",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "it",
        "its",
        "this",
        "that",
        "with",
        "as",
        "at",
        "by",
        "from",
        "we",
        "you",
        "he",
        "she",
        "they",
        "i",
        "my",
        "our",
        "your",
        "their",
        "not",
        "no",
        "can",
        "will",
        "would",
        "should",
        "has",
        "have",
        "had",
        "do",
        "does",
        "did",
        "so",
        "if",
        "than",
        "then",
        "there",
        "here",
        "what",
        "which",
        "who",
        "how",
        "when",
        "why",
        "into",
        "onto",
        "about",
        "over",
        "all",
        "each",
        "during",
        "through",
        "between",
        "within",
        "without",
        "across",
        "these",
        "those",
    ]
)
