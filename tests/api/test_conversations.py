"""Conversation routes: a follow-up in context, streamed or not; list, read, delete."""

from __future__ import annotations

from fastapi.testclient import TestClient
from test_queries import sse_events


def test_a_follow_up_turn_is_answered_in_context_and_stored(loaded: TestClient) -> None:
    first = loaded.post("/api/chat", json={"question": "What is llama.cpp?"}).json()
    cid = first["conversation_id"]
    follow = loaded.post("/api/chat", json={"question": "Who started it?", "conversation_id": cid})
    assert follow.status_code == 200, follow.text
    body = follow.json()
    assert body["ordinal"] == 2 and "llama.cpp" in body["asked"]
    assert not body["answer"]["abstained"]
    listed = loaded.get("/api/conversations").json()["conversations"]
    assert [(c["id"], c["turns"]) for c in listed] == [(cid, 2)]
    turns = loaded.get(f"/api/conversations/{cid}").json()["turns"]
    assert [t["question"] for t in turns] == ["What is llama.cpp?", "Who started it?"]
    assert turns[1]["answer"]["citations"]


def test_streamed_chat_names_the_conversation_then_streams_the_answer(loaded: TestClient) -> None:
    response = loaded.post("/api/chat?stream=true", json={"question": "什么是 RAG？"})
    events = sse_events(response.text)
    names = [name for name, _ in events]
    assert names[0] == "conversation" and names[-1] == "done"
    cid = events[0][1]["conversation_id"]
    assert loaded.get(f"/api/conversations/{cid}").json()["turns"][0]["question"] == "什么是 RAG？"


def test_unknown_conversations_are_404_and_delete_removes(loaded: TestClient) -> None:
    assert loaded.get("/api/conversations/nope").status_code == 404
    missing = loaded.post("/api/chat", json={"question": "hi", "conversation_id": "nope"})
    assert missing.status_code == 404
    cid = loaded.post("/api/chat", json={"question": "What is LoRA?"}).json()["conversation_id"]
    assert loaded.delete(f"/api/conversations/{cid}").status_code == 200
    assert loaded.get(f"/api/conversations/{cid}").status_code == 404
