"""Prompt-injection screening: flags instruction overrides, role-play, fake system/tool messages and
requests for the system prompt or raw tool output, in several languages.

Screening only flags and records; it never grants anything. Authorization does not depend on it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(rx, re.I))
    for name, rx in (
        (
            "override",
            r"\b(ignore|disregard|forget|override)\b.{0,40}\b(previous|prior|above|all|your|the)\b.{0,30}"
            r"\b(instructions?|rules?|prompts?|guidelines|polic(y|ies))",
        ),
        (
            "override",
            r"\b(ignora|olvida)\b.{0,40}\b(instrucciones|reglas)|\bignore[sz]?\b.{0,30}\binstructions\b|"
            r"\b(ignoriere|vergiss)\b.{0,40}\b(anweisungen|regeln)|\bignorez?\b.{0,40}\b(instructions|r[eè]gles)",
        ),
        (
            "roleplay",
            r"\b(you are now|pretend (to be|you are)|act as|roleplay as|from now on you|developer mode|DAN\b|"
            r"jailbreak)",
        ),
        (
            "fake_system",
            r"(^|\n)\s*(system|assistant|tool|developer)\s*:|<\s*/?\s*(system|tool|im_start|im_end)\s*>|"
            r"\[(system|inst)\]",
        ),
        (
            "prompt_leak",
            r"\b(system prompt|your (instructions|prompt|rules)|initial prompt|hidden prompt|"
            r"raw (tool )?output|print (the )?(json|database|tool)|dump (the )?(database|table|orders))",
        ),
        (
            "impersonation",
            r"\b(i am|i'm|this is) (the |an? )?(admin|administrator|developer|store owner|manager|"
            r"support agent|ceo)\b",
        ),
        ("enumeration", r"\b(list|show|give me|export) (all|every|other) (orders|customers|emails|addresses)"),
        ("sql", r"(\bunion\s+select\b|\bdrop\s+table\b|;\s*--|'\s*or\s*'?1'?\s*=\s*'?1|\bselect\s+\*\s+from\b)"),
    )
)


@dataclass(frozen=True)
class InjectionVerdict:
    suspicious: bool
    kinds: tuple[str, ...]

    @property
    def reason(self) -> str:
        return "flagged: " + ", ".join(self.kinds) if self.kinds else "no injection pattern"


def screen_injection(text: str) -> InjectionVerdict:
    kinds = tuple(sorted({name for name, rx in _PATTERNS if rx.search(text)}))
    return InjectionVerdict(bool(kinds), kinds)
