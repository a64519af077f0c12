"""The common Chinese family names (Simplified), one character each.

Used to tell a personal name from other short runs of Chinese: by the name finder of the
knowledge graph (`zhiku.knowledge.names`), by answer candidates (`zhiku.answer_types`) and by
cleaning, for an author's name signed after a title (`zhiku.clean.title_parts`).
"""

from __future__ import annotations

SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁"
    "任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙陶黎贺顾毛郝龚邵钱严覃武戴"
    "莫孔汤温康施文牛樊葛邢颜倪庄聂鲁岳翟殷詹欧耿焦俞柳祝阮柯梅童凌毕裴霍涂苗盛曲翁冉骆蓝辛靳柴蒙"
    "鲍喻祁蒲房滕屈饶牟艾尤穆卓缪褚娄窦戚岑景党宫费卜冷晏卫柏瞿桂佟臧闵苟邬卞姬仇栾隋刁荣巫寇桑"
    "郎甄丛仲虞敖巩佘池麻苑迟邝"
)
