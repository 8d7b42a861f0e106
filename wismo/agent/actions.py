"""Actions that change something (returns, exchanges, pickup redirects): always proposed first,
listed plainly, and carried out only after the customer's explicit yes.

The proposal is kept in the conversation's memory as `pending_action`; a yes confirms it, a no
drops it, anything else leaves it and carries on with the new request.
"""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

from ..i18n import wording
from ..i18n.catalog import word
from ..tools import knowledge
from ..tools import redirect as redirect_tool
from ..tools import returns as returns_tool
from ..tools import tracking as tracking_tool
from ..tools.context import ToolContext
from ..tools.evidence import Fact, ToolRefused
from . import cues, product_words
from .policy import TALK_TO_PERSON, plan

CONFIRM_REPLIES = ["Yes, confirm", "No, cancel"]


def _why(code: str | None) -> str:
    """Why an item can't go back, as a short phrase ("final sale")."""
    return word(f"why.{code}") if code in _WHY_CODES else word("why.non_returnable")


_WHY_CODES = ("final_sale", "non_returnable", "not_delivered", "outside_window", "already_returned")
ALL_ITEMS = re.compile(
    r"(?<!keep )(?<!keeping )\b(everything|all (of )?(it|them|the items|my items)|both|whole order|entire order)\b"
    r"(?! else)",
    re.I,
)

#: Why an item goes back, in the customer's words (five languages, matched on folded text).
REASON_WORDS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (code, re.compile(rx, re.I))
    for code, rx in (
        (
            "too_small",
            r"too (small|tight|short|narrow)|runs small|(bigger|larger) (size|one)|need (a )?(bigger|larger)|size up"
            r"|\b(?:it'?s|is|are|feels?) (?:\w+ )?tight\b"
            r"|(muy |demasiado )?\bpequen[oa]s?\b|me qued(a|an|o|aron) (muy )?(chic|apretad)|taille petit"
            r"|una talla mas|trop (petit|serre)|taille au[- ]dessus"
            r"|zu (klein|eng|kurz)|z'?chli|nummer (grosser|größer)"
            r"|fic(ou|aram) (muito )?(pequen|apertad|curt)|tamanho maior",
        ),
        (
            "too_large",
            r"too (big|large|loose|long|wide)|runs (big|large)|smaller (size|one)|need (a )?smaller|size down"
            r"|\b(?:huge|enormous|massive|swimming in)\b|\b(?:it'?s|is|are|feels?) (?:\w+ )?loose\b"
            r"|(muy |demasiado )?\bgrandes?\b|me qued(a|an|o|aron) (muy )?(grande|ancho|holgad)"
            r"|una talla menos|trop (grand|large)|taille en[- ]dessous"
            r"|zu (gross|groß|weit|lang)|nummer kleiner|fic(ou|aram) (muito )?(grande|larg|compri)|tamanho menor",
        ),
        (
            "damaged_in_transit",
            r"arrived (damaged|broken|crushed)|damaged in (transit|shipping)|box was (crushed|wet)"
            r"|llego (danad|rot)|arrive (abime|endommage|casse)|beschadigt angekommen"
            r"|chegou (danificad|quebrad|amassad)",
        ),
        (
            "defective",
            r"defect|broken|faulty|doesn'?t work|stopped working|ripped|\btorn\b|\bholes?\b|\bstain(s|ed)?\b"
            r"|\b(roto|rota|casse)\b|no funciona|ne marche pas|kaputt|funktioniert nicht|quebrad|nao funciona",
        ),
        (
            "wrong_item",
            r"wrong (item|size|colou?r|product)|not what i ordered|sent me the wrong"
            r"|(articulo|producto) equivocado|no es lo que (pedi|compre)"
            r"|mauvais (article|produit)|pas ce que j'ai commande"
            r"|falsche[nr]? (artikel|produkt)|nicht das,? was ich bestellt|(item|produto) errado|veio (o )?errad[oa]",
        ),
        ("not_as_described", r"not as (described|pictured|shown)|looks different|different from the (photo|picture)"),
        ("arrived_late", r"(came|arrived) (too )?late|too late for|llego tarde|arrive trop tard|zu spat|chegou tarde"),
        (
            "changed_mind",
            r"changed my mind|don'?t (want|need|like) it|no longer (want|need)|cambie de opinion|change d'avis"
            r"|es mir anders uberlegt|mudei de ideia|desisti"
            # "no me gustó (al verlo)", "ça ne me plaît pas", "gefällt mir nicht", "não gostei"
            r"|no me (gusto|gusta|convenc|convence)|ne me (plait|convient) pas|(gefallt|gefiel) mir (doch )?nicht"
            r"|nao (gostei|curti|me agradou)",
        ),
    )
)


#: An item the customer got as a gift (not one they bought as a gift): "got it as a gift", "gift receipt".


def wants_confirmation(state: dict[str, Any]) -> bool:
    return bool(state.get("pending_action"))


def states_reason(text: str) -> bool:
    """Whether the customer says why ("just changed my mind tbh", "too tight"), not just which item."""
    folded = cues.fold(text)
    return any(rx.search(folded) for _code, rx in REASON_WORDS)


def reason_of(text: str) -> str:
    folded = cues.fold(text)
    for code, rx in REASON_WORDS:
        if rx.search(folded):
            return code
    return "changed_mind"


#: "avoir" is the French credit note only as a noun ("un avoir"), "vale" the Spanish voucher only as one
#: ("un vale"): "je peux avoir..." is "can I have", "vale" alone is "OK".
_STORE_CREDIT = re.compile(
    r"store credit|credit|gift card|voucher|\b(?:un|el|en) vale\b|vale de (?:compra|regalo)|"
    r"\b(?:un|d'un|l'|sous forme d')\s?avoir\b(?! (?:la|le|les|une?|des)\b)|bon d'achat|gutschein|guthaben|credito"
    r"|\bsaldo (?:para|de|en) (?:la )?tienda\b"
)
_EXCHANGE = re.compile(
    r"exchang|swap|switch|trade|different (?:size|colou?r)|another (?:size|colou?r)|bigger|smaller|larger|"
    r"size (?:up|down)|(?:up|down) a size|next size|one size|cambi|troc|echang|umtausch|tausch|trocar|troca|"
    r"otra talla|talla mas|"
    r"talla menos|autre taille|andere grosse|nummer (?:grosser|kleiner)|grosse (?:grosser|kleiner)|"
    r"(?:eins|eis|ein|eine) (?:grosser|kleiner|chliner)|"
    r"(?:grossere|kleinere) grosse|outro tamanho|tamanho (?:maior|menor)|"
    r"tamanho (?:acima|abaixo)|un talle|talle mas|talle que sigue|taille (?:au[- ]dessus|en[- ]dessous)"
    r"|size (?:bigger|smaller)"
    # Shoe sizes: "une pointure en dessous", "un número más", "eine Schuhgröße kleiner", "um número acima".
    r"|pointure|un numero (?:mas|menos)|numero (?:mas|menos) (?:grande|chico|pequeno)|medio numero"
    r"|schuhgrosse|numero (?:acima|abaixo|maior|menor)|numeracao (?:maior|menor)"
)
_REFUND = re.compile(
    r"refund|money back|reembols|rembours|erstatt|geld zuruck|devol\w* (?:el|mi) dinero|dinheiro|estorn|"
    # the money on the card it was paid with: "que me devuelvan el dinero a la tarjeta", "zurück auf die Karte"
    r"(?:dinero|plata|guita|argent|geld|money|dinheiro) (?:\w+ ){0,2}(?:a|en|sur|auf|to|on|back to|no|na) "
    r"(?:la |mi |ma |die |meine |my |meu |o |a )?"
    r"(?:tarjeta|carte|karte|card|cartao)|(?:zuruck )?auf (?:die|meine) karte"
)


_NEGATED_OPTION = re.compile(
    r"\b(?:(?:no|not|don'?t want|do not want|without|rather than|instead of|sin|no quiero|nada de|pas un|pas de|pas|"
    r"kein\w*|nicht|sem|nao|nao quero|nothing like"
    # "forget the swap, i'll just take my money back": the swap dropped.
    r"|forget(?: about)?|never ?mind|skip|scrap|ditch|olvida\w*|oublie[sz]?|vergiss|esquece\w*)\s+"
    r"|(?:je ne veux )?pas d['’]\s*)"
    r"(?:(?:en|in|as|als|em|como|sous forme d'|na forma de|con|with|in form von)\s+)?"
    r"(?:an?\s+|un\s+|une\s+|einen?\s+|um\s+|uma\s+|el\s+|le\s+|la\s+|l'|o\s+|the\s+|den\s+|das\s+)?"
    r"(?:exchange|swap|store credit|credit|refund|"
    r"money back|cambio|echange|umtausch|troca|reembolso|remboursement|erstattung|geld(?: zuruck)?|dinero|"
    r"dinheiro|bon d'achat|avoir|gutschein|guthaben|vale|credito|gift card|voucher"
    # "I don't want a different size, just my money back": the swap turned down.
    r"|(?:different|another|other|new) (?:size|colou?r)|otra talla|autre taille|andere grosse|outro tamanho)\w*"
)


_CHANGED_MIND = re.compile(
    r"\b(?:cambi\w* de (?:opinion|idea|parecer)|changed? (?:my|your) mind|change d'avis|changer d'avis"
    r"|mudei de (?:ideia|opiniao)|mudar de ideia|meinung geandert|es mir anders uberlegt)\b"
)


def option_of(text: str, default: str | None = "refund") -> str | None:
    """refund | store_credit | exchange, from the customer's words; `default` when they name none."""
    # "no exchange, just refund me": an option the customer turns down is not the one they want.
    low = _NEGATED_OPTION.sub(" ", cues.fold(text))
    low = _CHANGED_MIND.sub(" ", low)  # "cambié de opinión", "changed my mind": a reason, no exchange
    low = re.sub(r"\ba cambio de\b|\ben cambio\b|\bem troca de\b|\bin exchange for\b", " ", low)  # "in return for"
    if _STORE_CREDIT.search(low):
        return "store_credit"
    if _EXCHANGE.search(low):
        return "exchange"
    if _REFUND.search(low):
        return "refund"
    return default


_FINAL_SALE_WORDS = re.compile(
    r"\b(?:final[- ]sale|clearance|venta final|liquidacion|vente (?:finale|definitive)|soldes?|endverkauf|restposten"
    r"|venda final|liquidacao)\b"
)


def _variant_named(folded: str, variant: str | None) -> bool:
    """ "the one in 31", "the grey one", "size M": the line's own variant named in the message."""
    v = cues.fold(variant or "").strip()
    if not v:
        return False
    if len(v) >= 2:
        return re.search(rf"(?<!\w){re.escape(v)}(?!\w)", folded) is not None
    return (
        re.search(rf"\b(?:size|in|talla|taille|grosse|tamanho|the|la|le|die|o|a)\s+{re.escape(v)}\b", folded)
        is not None
    )


#: A step between sizes: "one size bigger", "a size up", "una talla más".
_SIZE_STEP = re.compile(
    r"\b(?:one|a|1) size (?:bigger|smaller|larger|up|down|too (?:big|small))\b|\buna talla (?:mas|menos)\b"
    r"|\bune taille (?:au-dessus|en-dessous|de plus|de moins)\b|\beine (?:grosse|nummer) (?:grosser|kleiner)\b"
)


def said_words(text: str) -> set[str]:
    """The words a message may name a product by: its own, and the catalog's English words for them ("la
    chemise en flanelle" names the Flannel Shirt, "la bufanda" the Cashmere Scarf)."""
    folded = cues.fold(text)
    return set(re.findall(r"[a-z0-9]{3,}", folded)) | product_words.english_words(folded)


def pick_line(text: str, eligible: list[returns_tool.LineEligibility]) -> returns_tool.LineEligibility | None:
    """The order line the message names, by its words, or by its size or colour when no other line has it;
    None when it names none."""
    if len(eligible) == 1:
        return eligible[0]
    words = said_words(text)
    # ("the vest one size bigger than M": "one size" says how much bigger, not the variant "One size".)
    folded = _SIZE_STEP.sub(" ", cues.fold(text))
    by_variant = [e for e in eligible if _variant_named(folded, e.variant)]
    best, best_score = None, 0
    for e in eligible:
        score = len(words & set(re.findall(r"[a-z]{3,}", f"{e.name} {e.category}".lower())))
        if len(by_variant) == 1 and e is by_variant[0]:
            score += 2  # its size or colour named, and no other line's
        if score > best_score:
            best, best_score = e, score
    if best is None and _size_step(cues.fold(text)):
        # "too small, one size up please" with a tee and a blanket on the order: the one item sold in sizes.
        in_sizes = [e for e in eligible if (p := returns_tool.product_of(e.sku)) is not None and sized(p.variants)]
        if len(in_sizes) == 1:
            return in_sizes[0]
    return best


_UP = re.compile(
    r"too (?:small|tight|short|narrow)|runs small|bigger|larger|size up|next size(?! down| smaller)(?: up)?|one size up"
    r"|up a size|"
    r"mas grande|talla mas|plus grand|taille au[- ]dessus|grosser|eine nummer grosser|maior|tamanho acima"
    r"|pointure au[- ]dessus|pointure de plus|un numero mas|numero acima"
)
_DOWN = re.compile(
    r"too (?:big|large|loose|long|wide)|runs (?:big|large)|smaller|size down|one size down|down a size|"
    r"\b(?:huge|enormous|massive|swimming in)\b|"
    r"mas pequen|talla menos|plus petit|taille en[- ]dessous|kleiner|eine nummer kleiner|menor|tamanho abaixo"
    r"|pointure en[- ]dessous|pointure de moins|un numero menos|numero abaixo"
)


def _size_step(folded: str) -> bool:
    """A size up or down asked ("too small", "one size down", "taille au-dessus"), in folded text."""
    return bool(_UP.search(folded) or _DOWN.search(folded))


#: A variant that is a size ("M", "L/XL", "32", "8 oz"), not a colour or a finish ("Navy", "Oat").
_SIZE_VARIANT = re.compile(r"(?i:x{0,3}[sml]|xxl|[sml]/[sml]|x{0,2}l/x{0,2}l|\d+(?:[.,]\d+)?(?: ?(?:oz|ml|cm|in))?)")


def sized(variants: tuple[str, ...] | list[str]) -> bool:
    """Whether a product's variants are sizes, so "the next size up" can name one (a colour has no next size)."""
    return len(variants) > 1 and all(_SIZE_VARIANT.fullmatch(v.strip()) for v in variants)


def _direction(text: str, reason: str) -> str:
    return "smaller" if _DOWN.search(cues.fold(text)) or reason == "too_large" else "bigger"


def requested_variant(text: str, line: returns_tool.LineEligibility) -> str | None:
    """The variant the customer asked for: named outright ("in L", "the black one"), or the next size
    up or down from the one they have. None when they asked for none in particular."""
    product = returns_tool.product_of(line.sku)
    if product is None:
        return None
    variants = list(product.variants)
    low = cues.fold(text)
    for v in sorted(variants, key=len, reverse=True):
        if v == line.variant:
            continue
        word = re.escape(cues.fold(v))
        if re.search(
            rf"(?:size|talla|taille|grosse|tamanho|in|en|em|a|an?|the)\s+{word}\b|\b{word}\s+(?:one|size)\b"
            if len(v) <= 2
            else rf"\b{word}\b",
            low,
        ):
            return v
    if line.variant in variants and sized(variants):
        i = variants.index(line.variant)
        if _UP.search(low):
            return variants[i + 1] if i + 1 < len(variants) else ""
        if _DOWN.search(low):
            return variants[i - 1] if i > 0 else ""
    return None


def _exchange_variant(line: returns_tool.LineEligibility, reason: str) -> str | None:
    """The variant to swap to when the customer named none: one size up or down for fit reasons."""
    product = returns_tool.product_of(line.sku)
    if product is None or line.variant not in product.variants or not sized(product.variants):
        return None
    i = list(product.variants).index(line.variant)
    j = i - 1 if reason == "too_large" else i + 1
    return product.variants[j] if 0 <= j < len(product.variants) else None


def start_return(
    ctx: ToolContext,
    order_key: str,
    text: str,
    evidence: list[Fact],
    force_option: str | None = None,
    gift: bool = False,
) -> tuple[list[Fact], dict, dict | None]:
    """Propose a return or exchange for the item the customer means; returns (evidence, plan, pending action).
    `gift`: the customer said earlier that they received it as a gift (store credit by default)."""
    lines = returns_tool.eligibility(ctx, order_key)
    eligible = [e for e in lines if e.eligible]
    if not eligible:
        # The order itself is cited too: the refusal is about this order, by its number.
        order = tracking_tool.order_summary(ctx, order_key)
        facts = [order, *[f for e in lines for f in e.facts][:6]]
        why = sorted({e.why_not for e in lines if e.why_not})
        key = "return_not_delivered" if why == ["not_delivered"] else "return_not_eligible"
        items = "; ".join(word("item_reason", item=e.name, why=_why(e.why_not)) for e in lines)
        number = order.values["order_number"]
        # ("a person from our team can look at exceptions": a yes to that brings one in)
        offer = None if key == "return_not_delivered" else {"kind": "offer_person", "reason": "policy_exception"}
        return evidence + facts, plan(key, facts, [TALK_TO_PERSON], items=items, order_number=number), offer
    mentioned = pick_line(text, lines) if len(lines) > 1 else None
    final = [e for e in lines if e.why_not == "final_sale"]
    if mentioned is None and len(lines) > 1 and len(final) == 1 and _FINAL_SALE_WORDS.search(cues.fold(text)):
        mentioned = final[0]  # "the final sale item on my order": that one, by what it is
    if mentioned is not None and not mentioned.eligible:
        # The customer named an item that cannot go back: say why, plainly.
        facts = list(mentioned.facts)
        sentence = mentioned.why_not if mentioned.why_not in ("final_sale", "outside_window") else "other"
        reason = word(f"why_sentence.{sentence}")
        # (Cited with the order it is on: the answer is about that order.)
        on = [f for f in evidence if f.kind == "order"][:1]
        p = plan("return_line_not_eligible", on + facts, [TALK_TO_PERSON], item=mentioned.name, why=reason)
        return evidence + facts, p, None
    everything = ALL_ITEMS.search(text) is not None
    line = eligible[0] if everything else pick_line(text, eligible)
    if line is None:
        facts = [f for e in eligible for f in e.facts if f.kind == "return"]
        names = [e.name for e in eligible][:4]
        p = plan("return_which_item", facts, names + [TALK_TO_PERSON], items=", ".join(names))
        return evidence + facts, p, {"kind": "choose_item", "text": text, "order": order_key}
    reason = reason_of(text)
    # A gift the customer received goes back as store credit to them (the written gift policy).
    received_gift = gift or cues.RECEIVED_GIFT.search(cues.fold(text)) is not None
    option = force_option or option_of(text, default="store_credit" if received_gift else "refund")
    if received_gift and option == "refund":
        # "how does the money come back to me?": a received gift's money is the receiver's store credit,
        # never a refund to the buyer's card (policy:returns#gifts).
        option = "store_credit"
    new_variant = None
    note = ""
    line_ids = [e.line_id for e in eligible] if everything else [line.line_id]
    if everything and len(eligible) < len(lines):
        kept = [e for e in lines if not e.eligible]
        note = word("not_everything", items="; ".join(word("item_is", item=e.name, why=_why(e.why_not)) for e in kept))
        evidence = evidence + [f for e in kept for f in e.facts]
    if option == "exchange" and not everything:
        # Never book a variant other than the one asked for: when it is out of stock (or does not
        # exist), say so and offer what the written policy allows instead (a refund or store credit).
        wanted = requested_variant(text, line)
        new_variant = wanted if wanted is not None else _exchange_variant(line, reason)
        product = returns_tool.product_of(line.sku)
        if not new_variant or product is None or not returns_tool.in_stock(product.sku, new_variant):
            policy = knowledge.article("policy:returns#exchanges").fact()
            facts = [f for f in line.facts if f.kind == "return"] + [policy]
            key = "exchange_out_of_stock" if new_variant else "exchange_no_size"
            if not new_variant and product is not None and not sized(product.variants):
                # "the beanie is too small, next size up": it comes in one size (its variants are colours,
                # each cited from the catalogue).
                key = "exchange_one_size"
                facts += returns_tool.exchange_choices(ctx, order_key, line.line_id)
            p = plan(
                key,
                facts,
                ["Refund", "Store credit", TALK_TO_PERSON],
                item=line.name,
                variant=new_variant or "",
                current=line.variant or "",
                variants=", ".join(product.variants) if product is not None else "",
                direction=word(
                    "direction.smaller"
                    if _DOWN.search(cues.fold(text)) or reason == "too_large"
                    else "direction.bigger"
                ),
                policy_text=policy.values["text"],
            )
            return evidence + facts, p, {"kind": "choose_refund", "text": text, "order": order_key}
    try:
        proposal = returns_tool.plan_return(ctx, order_key, line_ids, reason, option, new_variant)
    except ToolRefused:
        return evidence, plan("policy_unknown", [], [TALK_TO_PERSON]), None
    order = tracking_tool.order_summary(ctx, order_key)
    facts, p, nxt = _proposal_plan(proposal, evidence, note, text, order)
    return facts, p, nxt | {"order": order_key}


def _proposal_plan(
    proposal: returns_tool.ReturnPlan, evidence: list[Fact], note: str, text: str, order: Fact
) -> tuple[list[Fact], dict, dict]:
    """What the return will do, said about its order (cited), before the customer's yes."""
    item = proposal.items[0]
    names = ", ".join(i.name + (f" ({i.variant})" if i.variant else "") for i in proposal.items)
    first = proposal.facts[0]
    tz_date = proposal.drop_off_by
    if proposal.option == "refund":
        money = word("money_refund", amount=wording.money(proposal.refund_amount, proposal.currency))
    elif proposal.option == "store_credit":
        money = word("money_credit", amount=wording.money(proposal.store_credit_amount, proposal.currency))
    else:
        money = word("money_exchange", item=item.name, variant=item.new_variant)
        if proposal.exchange_difference > 0:
            money += " " + word(
                "exchange_difference", amount=wording.money(proposal.exchange_difference, proposal.currency)
            )
    point = proposal.drop_off[0].fact if proposal.drop_off else None
    drop = word("drop_at", name=point.values["name"]) if point else word("drop_any")
    facts = [order, *proposal.facts] + ([point] if point else [])
    p = plan(
        "return_plan",
        facts,
        CONFIRM_REPLIES,
        order_number=proposal.order_number,
        item=names,
        reason=word(f"reason.{proposal.reason}") if proposal.reason else proposal.reason_label.lower(),
        money=money,
        carrier=first.values.get("carrier", ""),
        drop_by=wording.date_long(tz_date),
        drop=drop,
        note=note,
    )
    lines = [i.line_id for i in proposal.items]
    return (
        evidence + facts,
        p,
        {
            "kind": "return",
            "plan_id": proposal.plan_id,
            "text": text,
            "option": proposal.option,
            "lines": lines,
            "variant": item.new_variant,
        },
    )


def other_size_asked(ctx: ToolContext, order_key: str, pending: dict, text: str) -> str | None:
    """Another size asked in the yes to a proposed exchange ("yeah that one, but one size down"): the
    request to plan again (the first one without its size words, then this message), or None."""
    folded = cues.fold(text)
    if pending.get("option") != "exchange" or not _size_step(folded):
        return None
    lines = [e for e in returns_tool.eligibility(ctx, order_key) if e.line_id in (pending.get("lines") or [])]
    if len(lines) != 1 or requested_variant(text, lines[0]) == pending.get("variant"):
        return None
    return resized(pending.get("text") or "", text)


def resized(request: str, text: str) -> str | None:
    """ "wait no, I mean BIGGER": the request said again with the size of this message in place of its
    own; None when this message names no size direction."""
    if not _size_step(cues.fold(text)):
        return None
    return f"{_DOWN.sub(' ', _UP.sub(' ', cues.fold(request)))} {text}"


#: Words of a product's name too common to tell its lines apart ("set", "pack", "the").
_NAME_FILLER = frozenset({"set", "pack", "the", "and", "with", "for", "of"})


def named_line(ctx: ToolContext, order_key: str, text: str) -> returns_tool.LineEligibility | None:
    """The order's line the message names by its product ("it's the Power Bank 10k", "las Chelsea Boots"),
    when exactly one line's name is named best; None when the message names none of them."""
    said = said_words(text)
    scored: list[tuple[int, returns_tool.LineEligibility]] = []
    for line in returns_tool.eligibility(ctx, order_key):
        name = set(re.findall(r"[a-z0-9]{3,}", cues.fold(line.name))) - _NAME_FILLER
        if name and (score := len(said & name)):
            scored.append((score, line))
    scored.sort(key=lambda x: -x[0])
    if not scored or (len(scored) > 1 and scored[0][0] == scored[1][0]):
        return None
    return scored[0][1]


_ORDINALS = {
    0: "first 1st primero primera premier premiere erste ersten erscht erschte primeiro primeira 1er 1re 1ere 1o 1a",
    1: "second 2nd segundo segunda deuxieme seconde zweite zweiten zwoit zwoite 2e 2eme 2de 2o 2a",
    2: "third 3rd tercero tercera troisieme dritte dritten terceiro terceira 3e 3eme 3o 3a",
}
#: Number words count only after "option", "number" ("option two"): "the one on Elm St" picks no number.
_NUMBER_WORDS = {
    0: "one uno una un une eins um uma",
    1: "two dos deux zwei dois duas",
    2: "three tres trois drei",
}
_ORDINAL_OF = {w: i for i, words in _ORDINALS.items() for w in words.split()}
_NUMBER_OF = {w: i for i, words in _NUMBER_WORDS.items() for w in words.split()}
_OPTION_WORD = re.compile(r"\b(?:option|opcion|opção|opcao|numero|nummer|number|nr|no|n)\W{0,2}$")
_LAST = re.compile(r"\b(?:last|ultim[oa]|dernier|derniere|letzte[nr]?)\b")
#: Where on the list the choice sits: "the one on top of the list", "el de abajo", "celui du milieu".
_TOP = re.compile(
    r"\b(?:(?:on |at (?:the )?)?top(?: one| of (?:the|your) list)?|topmost|el de arriba|la de arriba|celui du haut"
    r"|celle du haut|en haut de la liste|ganz oben|der obere|die obere|das obere|o de cima|a de cima)\b"
)
_BOTTOM = re.compile(
    r"\b(?:(?:at |on )?(?:the )?bottom(?: one| of (?:the|your) list)?|el de abajo|la de abajo|celui du bas"
    r"|celle du bas|en bas de la liste|ganz unten|der untere|die untere|das untere|o de baixo|a de baixo)\b"
)
_MIDDLE = re.compile(r"\b(?:middle|del medio|du milieu|mittlere[nr]?|in der mitte|do meio|da meio)\b")
_KIND_WORDS = (
    (
        "locker",
        re.compile(
            r"\b(?:locker|casillero|taquilla|consigne|packstation|schliessfach|armario|cacifo|lockers?"
            r"|box(?:es)? ?things?|parcel box(?:es)?)\b"
        ),
    ),
    ("store", re.compile(r"\b(?:store|shop|tienda|magasin|boutique|laden|filiale|loja)\b")),
    ("post", re.compile(r"\b(?:post office|correos|poste|postfiliale|correios)\b")),
)
_STOP = frozenset("the a an on at in of to one option please st street ave avenue rd road dr".split())


#: A digit that picks an option, not a time or a duration ("a 2 hour window", "at 3", "um 3 Uhr").
_CHOICE_DIGIT = re.compile(
    r"(?<!\bat )(?<!\bum )(?<!\ba las )(?<!\bas )\b(\d)\b"
    r"(?!\s*-?\s*(?:h|hr|hrs|hours?|mins?|minutes?|days?|weeks?|pm|am|o'?clock|uhr|std|stunden?|tage?n?|heures?"
    r"|jours?|horas?|dias?|semanas?|semaines?|wochen?)\b)"
)


#: Changing one's mind inside the message: "the first... ah no wait, rather the last one".
_RATHER = re.compile(
    r"\b(?:no wait|actually|rather|instead|make (?:it|that)|mejor|mas bien|en vez|plutot|finalement|non attendez"
    r"|lieber|doch|besser|eher|melhor|na verdade|ou melhor)\b"
)
#: The points are listed nearest first: "whichever is closest", "el más cercano", "le plus proche".
_NEAREST = re.compile(
    r"\b(?:closest|nearest|whichever is (?:close|near)\w*|mas cercan[oa]|mas cerca|plus proche|le plus pres"
    r"|am nachsten|nachstgelegene\w*|naheste\w*|nahere\w*|mais (?:perto|proxim[oa]))\b"
)


def asks_nearest(text: str) -> bool:
    """Whether the nearest of the points is the choice ("whichever is closest", "el más cercano")."""
    return bool(_NEAREST.search(cues.fold(text)))


def wanted_kind(text: str) -> str | None:
    """The kind of point a customer asks for ("a locker", "un point relais" says none): locker, store, post."""
    low = cues.fold(text)
    return next((kind for kind, rx in _KIND_WORDS if rx.search(low)), None)


def first_of_kind(listing: dict) -> str:
    """The nearest listed point of the kind asked for when the list was shown ("can it go to a locker?"),
    else the nearest of all."""
    rx = dict(_KIND_WORDS).get(listing.get("prefer") or "")
    names = listing.get("names") or []
    hits = [i for i, n in enumerate(names) if rx is not None and rx.search(cues.fold(n))]
    return listing["codes"][hits[0] if hits else 0]


def chosen_point(text: str, codes: list[str], names: list[str] | None = None, prefer: str | None = None) -> str | None:
    """Which of the listed pickup points the customer picked: "2", "option 2", "the second one",
    "the last one", "the locker", "the one on Elm St", "the closest". None when it is not clear which.
    `prefer`: the kind of point the customer asked for when the list was shown ("whichever is closest"
    after "can it go to a locker?" is the nearest locker)."""
    low = cues.fold(text)
    rather = list(_RATHER.finditer(low))
    if rather and rather[-1].end() < len(low):
        # "le premier... ah non attendez, plutôt le dernier": the choice after the change of mind.
        later = chosen_point(low[rather[-1].end() :], codes, names, prefer)
        if later is not None:
            return later
    if _NEAREST.search(low):
        kind = wanted_kind(low) or prefer
        rx = dict(_KIND_WORDS).get(kind) if kind else None
        hits = [i for i, n in enumerate(names or []) if rx is not None and rx.search(cues.fold(n))]
        return codes[hits[0]] if hits else codes[0]
    numbers = [int(n) for n in _CHOICE_DIGIT.findall(low)]
    if numbers and 1 <= numbers[0] <= len(codes) and not re.search(r"\d{2,}", low):
        return codes[numbers[0] - 1]
    for m in re.finditer(r"[a-z0-9]+", low):
        token = m.group()
        i = _ORDINAL_OF.get(token)
        if i is None and token in _NUMBER_OF and _OPTION_WORD.search(low[: m.start()]):
            i = _NUMBER_OF[token]
        if i is not None and i < len(codes):
            return codes[i]
    if _LAST.search(low) or _BOTTOM.search(low):
        return codes[-1]
    if _TOP.search(low):
        return codes[0]
    if _MIDDLE.search(low) and len(codes) == 3:
        return codes[1]
    if not names:
        return None
    folded = [cues.fold(n) for n in names]
    for _, rx in _KIND_WORDS:
        if rx.search(low):
            hits = [i for i, n in enumerate(folded) if rx.search(n)]
            if len(hits) == 1:
                return codes[hits[0]]
    words = set(re.findall(r"[a-z0-9]{2,}", low)) - _STOP
    scored = [(len(words & (set(re.findall(r"[a-z0-9]{2,}", n)) - _STOP)), i) for i, n in enumerate(folded)]
    best = max(scored, default=(0, -1))
    if best[0] >= 1 and [s for s, _ in scored].count(best[0]) == 1:
        return codes[best[1]]
    return None


def kind_not_listed(text: str, names: list[str] | None) -> bool:
    """ "the locker works best" when none of the listed points is a locker: a kind asked for that
    the list does not have (the nearest one is proposed instead, and only a yes books it)."""
    low = cues.fold(text)
    folded = [cues.fold(n) for n in names or []]
    return any(rx.search(low) and not any(rx.search(n) for n in folded) for _, rx in _KIND_WORDS)


def propose_redirect(
    ctx: ToolContext, order_key: str, code: str, template: str = "redirect_plan"
) -> tuple[list[Fact], dict, dict | None]:
    """Say what redirecting the parcel to that point will do; nothing changes until a yes."""
    proposal = redirect_tool.plan_redirect(ctx, order_key, code)
    if not proposal.eligible:
        return [], plan("redirect_not_possible", [], [TALK_TO_PERSON]), None
    fields = _redirect_fields(proposal) | {"address": proposal.address}
    facts = list(proposal.facts)
    return facts, plan(template, facts, CONFIRM_REPLIES, **fields), {"kind": "redirect", "code": code}


def _redirect_fields(proposal: redirect_tool.RedirectPlan) -> dict[str, str]:
    """The parcel, the point, when it is ready there and until when it is held, in the customer's words."""
    tz = proposal.timezone
    return {
        "tracking_number": proposal.tracking_number,
        "point": proposal.point_name,
        "ready": word("ready_now") if proposal.already_there else wording.moment(proposal.ready_at, tz),
        "held_until": wording.moment(proposal.held_until, tz),
    }


def point_hours(ctx: ToolContext, order_key: str, code: str) -> tuple[list[Fact], dict]:
    """When the proposed point is open on the day the parcel is ready there; the proposal stands."""
    proposal, hours = redirect_tool.point_hours(ctx, order_key, code)
    if hours is None:
        return [], plan("redirect_not_possible", [], [TALK_TO_PERSON])
    tz = proposal.timezone
    day = wording.day(hours.values["day"], tz)
    if "opens" not in hours.values:
        return [hours], plan("point_closed", [hours], CONFIRM_REPLIES, point=proposal.point_name, day=day)
    if hours.values["closes"] - hours.values["opens"] >= timedelta(hours=24):
        return [hours], plan("point_open_all_day", [hours], CONFIRM_REPLIES, point=proposal.point_name, day=day)
    fields = {
        "point": proposal.point_name,
        "day": day,
        "opens": wording.clock(hours.values["opens"], tz),
        "closes": wording.clock(hours.values["closes"], tz),
    }
    return [hours], plan("point_hours", [hours], CONFIRM_REPLIES, **fields)


def redirect_recap(ctx: ToolContext, order_key: str, code: str) -> tuple[list[Fact], dict] | None:
    """ "from when can I grab it, how long do they keep it?" after a redirect: that point's own dates."""
    try:
        proposal = redirect_tool.plan_redirect(ctx, order_key, code)
    except ToolRefused:
        return None
    if not proposal.eligible or proposal.ready_at is None:
        return None
    facts = list(proposal.facts)
    return facts, plan("redirect_recap", facts, [TALK_TO_PERSON], **_redirect_fields(proposal))


def keep_items(ctx: ToolContext, order_key: str) -> tuple[list[Fact], dict]:
    """ "never mind, I'll keep it all": nothing is returned, said about the order."""
    fact = tracking_tool.order_summary(ctx, order_key)
    return [fact], plan("keep_items", [fact], [TALK_TO_PERSON], order_number=fact.values["order_number"])


def confirm(ctx: ToolContext, pending: dict, data_dir) -> tuple[list[Fact], dict]:
    """Carry out the pending action after the customer's yes."""
    if pending.get("kind") == "redirect" and ctx.verified_order:
        proposal = redirect_tool.plan_redirect(ctx, ctx.verified_order, pending["code"])
        try:
            facts = redirect_tool.confirm_redirect(ctx, proposal)
        except ToolRefused:
            return [], plan("redirect_not_possible", [], [TALK_TO_PERSON])
        locker = any(f.kind == "pickup" and f.values.get("kind") == "locker" for f in facts)
        if locker:
            # A locker opens with the code the carrier sends, not with a photo ID at a counter.
            facts = [*facts, knowledge.article("policy:pickup#lockers").fact()]
        key = "redirect_done_locker" if locker else "redirect_done"
        return facts, plan(key, facts, [TALK_TO_PERSON], **_redirect_fields(proposal))
    if pending.get("kind") == "return":
        try:
            result = returns_tool.confirm_return(ctx, pending["plan_id"], data_dir=data_dir)
        except ToolRefused as exc:
            key = "action_expired" if exc.reason in ("plan_expired", "plan_not_found") else "policy_unknown"
            return [], plan(key, [], [TALK_TO_PERSON])
        steps = " ".join(f.values["text"] for f in result.next_steps)
        order = tracking_tool.order_summary(ctx, result.order_number)  # the plan's order, not the focus
        facts = [order, *result.facts, *result.next_steps]
        what = word("what.exchange" if result.option == "exchange" else "what.return")
        p = plan(
            "return_done",
            facts,
            [TALK_TO_PERSON],
            what=what,
            order_number=order.values["order_number"],
            rma=result.rma,
            label_url=result.label_url,
            steps=steps,
        )
        return facts, p
    return [], plan("action_cancelled", [])


def _return_event(event: Fact, summary: dict) -> str:
    """A return's step in the customer's language (its stored words are the shop's English)."""
    return word(
        f"return_event.{event.values['event']}",
        rma=summary["rma"],
        carrier=summary.get("carrier") or "",
        place=summary.get("warehouse") or "",
        amount=wording.money(summary.get("amount") or 0.0),
        exchange_order_number=summary.get("exchange_order_number") or "",
    )


def return_status(ctx: ToolContext, order_key: str, evidence: list[Fact]) -> tuple[list[Fact], dict]:
    facts = returns_tool.return_status(ctx, order_key)
    summary = next((f for f in facts if f.source_id.count(":") == 1), None)
    if summary is None:
        # No return on record: say so about this order, with the written rule the customer needs.
        written = [f for f in evidence if f.source_id.startswith("policy:")]
        text = " ".join(f.values["text"] for f in written)
        order = tracking_tool.order_summary(ctx, order_key)
        how_only = all(f.source_id == "policy:returns#how" for f in written)
        quick = ["Start a return", TALK_TO_PERSON] if how_only else [TALK_TO_PERSON]
        number = order.values["order_number"]
        return [order, *evidence], plan("return_none", [order, *written], quick, policy_text=text, order_number=number)
    events = [f for f in facts if f.source_id.startswith(summary.source_id + ":event:")]
    v = summary.values
    last = events[-1] if events else None
    fields = {
        "rma": v["rma"],
        "last_event": _return_event(last, v) if last else word("return_created"),
        "last_time": wording.day(last.values["time"], "America/New_York") if last else "",
        "tracking_number": v.get("tracking_number") or "",
    }
    cite = [summary] + ([last] if last else [])
    if v.get("date"):
        fields["due"] = f"{v['date']:%B} {v['date'].day}"
        fields["amount"] = wording.money(v.get("amount") or 0.0)
        return evidence + facts, plan("return_status_due", cite, [TALK_TO_PERSON], **fields)
    if v.get("return_status") in ("refunded", "credited"):
        fields["amount"] = wording.money(v.get("amount") or 0.0)
        return evidence + facts, plan("return_status_done", cite, [TALK_TO_PERSON], **fields)
    label = next((f for f in facts if f.source_id == f"{summary.source_id}:label"), None)
    if label is not None:
        # An open return: its label again, for whoever lost the first message.
        cite.append(label)
        fields["label_url"] = label.values["url"]
        return evidence + facts, plan("return_status_open_label", cite, [TALK_TO_PERSON], **fields)
    return evidence + facts, plan("return_status_open", cite, [TALK_TO_PERSON], **fields)
