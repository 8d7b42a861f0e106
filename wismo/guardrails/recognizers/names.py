"""Person names the small spaCy model misses, in five languages: the one recognizer that gathers
what each rule finds. The rules live in modules of their own:

- `cued_names`: after a cue ("my name is", "me llamo", titles, sign-offs, relations; `name_cues`);
- `speakers`: speaker labels in pasted dialogue ("Renata: did you call me?");
- `signatures`: a signature block's name line, and a name before a phone label;
- `sign_offs`: the name that ends a message ("... cut off. kieran", "obrigado ivo", "thandiwe here");
- `name_lists`: lists of names ("jeremías, evelia, bienvenida y zoraida");
- `name_tokens`: a known first name anywhere, a capitalized word that is no ordinary word;
- `handed_names`: who signed for a parcel, as a tracking record writes it ("signed for by "K. OKAFOR"");
- `particle_names`, `name_shapes`: full names by their shape ("Marten von Berg", names in capitals);
- `name_checks`: the word checks they share; `ner_gate`: whether spaCy's NER pass is needed at all.

Rules are generic (shapes, cue words, word lists written by us), never memorized values.
"""

from __future__ import annotations

from .base import WismoRecognizer
from .cued_names import after_cues
from .handed_names import handed_names
from .name_checks import is_function_word, name_like, name_tail
from .name_cues import NAME_LINE_RE, STRONG_NAME_CUE
from .name_lists import listed_names
from .name_shapes import ampersand_pairs, named_after, names_in_capitals, signed_word
from .name_tokens import names_by_word
from .ner_gate import needs_ner
from .particle_names import particle_names
from .sign_offs import last_word_signed, signed_after_closing, signed_pair
from .signatures import before_phone, is_name_line, signature_names
from .speakers import speakers
from .vocabulary import Vocabulary

# Re-exported: the redactor (`pii`, `pii_spans`) and the package import these from here.
__all__ = [
    "NAME_LINE_RE",
    "STRONG_NAME_CUE",
    "PersonHeuristicRecognizer",
    "is_function_word",
    "is_name_line",
    "name_like",
    "name_tail",
    "needs_ner",
]


class PersonHeuristicRecognizer(WismoRecognizer):
    """Names from cue words, the first-name lists, speaker labels and non-dictionary proper nouns."""

    ENTITY = "PERSON"

    def __init__(self, vocab: Vocabulary | None = None) -> None:
        super().__init__()
        #: Ordinary words; without them only cue words and the first-name list apply.
        self.vocab = vocab or Vocabulary()

    def find(self, text, nlp_artifacts):
        vocab = self.vocab
        hits: list[tuple[int, int, float]] = []
        hits += after_cues(text, vocab)
        hits += speakers(text, vocab)
        hits += signature_names(text, vocab)
        hits += last_word_signed(text, vocab)
        hits += signed_pair(text, vocab)
        hits += signed_after_closing(text, vocab)
        hits += listed_names(text, vocab)
        hits += names_by_word(text, vocab)
        hits += before_phone(text, vocab)
        hits += particle_names(text, vocab)
        hits += names_in_capitals(text, vocab) + named_after(text, vocab) + ampersand_pairs(text)
        hits += signed_word(text, vocab)
        hits += handed_names(text, vocab)
        # A name ends before a sentence's full stop ("I'm Maria Lopez."), not at an initial ("J.").
        return [
            (s, e - 1 if text[e - 1] == "." and e - s > 2 and text[e - 3 : e - 1].isalpha() else e, sc)
            for s, e, sc in hits
        ]
