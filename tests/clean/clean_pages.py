"""Body text we wrote for the cleaning tests to put noise around, and how to read what went."""

from __future__ import annotations

from zhiku.clean import clean_plain_text

EN_BODY = (
    "Serving a model well is mostly about memory: the cache for attention grows with every "
    "request, and the scheduler has to decide which requests share a batch.\n\n"
    "Paged allocation keeps that cache in small blocks, so long and short requests can sit "
    "side by side without wasting the space a fixed reservation would.\n\n"
    "With continuous batching, a finished request leaves the batch at once, and a waiting one "
    "takes its place on the very next step.\n"
)

ZH_BODY = (
    "本地部署大模型时，最先要考虑的是显存：模型权重、注意力缓存和批处理都要占用它。\n\n"
    "量化可以把权重压到原来的四分之一左右，代价是少量的精度损失，多数问答场景感觉不到。\n\n"
    "如果机器只有 CPU，选择较小的模型并打开多线程，也能得到可以接受的速度。\n"
)


def removed_steps(text: str) -> dict[str, str]:
    """Each line cleaning removed from ``text``, with the step that removed it."""
    return {r.text.strip(): r.step for r in clean_plain_text(text).removed}
