"""Language models behind one protocol: any OpenAI-compatible endpoint, or a local GGUF model
served offline on 127.0.0.1 (see docs/llm.md)."""

from zhiku.llm.client import OpenAICompatibleLLM
from zhiku.llm.local import LocalLLMServer, free_port
from zhiku.llm.protocol import LLM, Message

__all__ = ["LLM", "LocalLLMServer", "Message", "OpenAICompatibleLLM", "free_port"]
