"""Closed word lists behind the structural cues of :mod:`corpus_tools.measure.target_features`.

Lowercase forms, as the tokenizer yields them. ``VIOLENCE`` is the vocabulary of violence and
threats: when the mention is what such a word acts on ("X was shot", "X was threatened",
"the assassination of X"), the mention is a victim, which news annotators do not count as a
negative judgement of that person. ``ATTACK`` words are ambiguous: in political news
"attacked X" is mostly verbal criticism (a negative judgement), unless the sentence also
has words of armed violence or condemns the attack (``VIOLENT_CONTEXT``: gunmen, drones,
condemned, ...).
"""

from __future__ import annotations

from corpus_tools.text.clauses import MARK_KINDS, clause_words

_CLAUSES = clause_words()  # lexicon/clause_breaks.txt, the splitter shared by every measure
# The clause around a mention ends at a listed mark (a lone hyphen is no dash here, as in the
# sentiment rules; curly quotes stay curly in these tokens) or a word that opens a clause
# with no comma before it (flag b).
CLAUSE_PUNCT = (_CLAUSES.of_kind(*MARK_KINDS, "comma") - {"-"}) | {"\u201c", "\u201d"}
CLAUSE_WORDS = frozenset(w for w in _CLAUSES.flagged("b") if " " not in w)
PRONOUNS = frozenset({"he", "she", "him", "her", "his", "hers", "they", "them", "their", "i", "we", "you"})
TITLES = frozenset({"the", "a", "an", "former", "ex", "president", "sen", "senator", "rep", "gov", "governor",
                     "mr", "mrs", "ms", "dr", "prime", "minister", "vice", "speaker", "leader", "general",
                     "secretary", "attorney", "judge", "justice", "candidate", "chairman", "director",
                     "then", "u", "s", ".", "republican", "democratic", "democrat", "gop", "rev"})
PREPOSITIONS = frozenset({"of", "against", "on", "by", "with", "to", "for", "from", "at", "about",
                           "toward", "towards", "over", "like", "than", "under", "behind"})
BE = frozenset({"is", "was", "are", "were", "be", "been", "being", "got", "gets", "get", "has", "had", "have"})
REPORTING = frozenset({"said", "says", "say", "told", "tells", "added", "wrote", "writes", "tweeted", "argued",
                        "argues", "stated", "states", "claimed", "claims", "insisted", "noted", "notes",
                        "explained", "announced", "asked", "asks", "responded", "replied", "declared",
                        "warned", "warns", "suggested", "acknowledged", "admitted", "recalled", "continued",
                        "according", "testified", "contended", "predicted", "vowed", "promised"})
SPEECH_FILLERS = frozenset({"also", "has", "have", "had", "later", "then", "reportedly", "previously",
                             "once", "recently", "repeatedly", "publicly", "again", "further", "earlier",
                             "would", "will", "first", "himself", "herself"})
VIOLENCE = frozenset({
    "kill", "kills", "killed", "killing", "murder", "murders", "murdered", "assassinate", "assassinated",
    "assassination", "shot", "shooting", "wounded", "injured", "kidnap", "kidnapped", "abduct", "abducted",
    "tortured", "stabbed", "raped", "beaten", "bombed", "bombing", "threat", "threats", "threaten", "threatened",
    "intimidated", "intimidation", "assaulted", "executed", "hostage", "slain", "ambushed", "gunned",
    "harassed", "harassment", "violence", "attempt", "plot", "plotted", "arson",
})
ATTACK = frozenset({"attack", "attacks", "attacked", "attacking", "strike", "strikes", "struck", "targeted", "targeting",
                    "raid", "raided", "hit"})
# when the target is the victim of an attack, words condemning it judge the attack (or
# the attackers), not the target
CONDEMNATION = frozenset({"condemned", "condemns", "condemn", "condemning", "condemnation", "denounced", "denounces",
                          "denounce", "deplored", "deplores", "decried", "decries"})
VIOLENT_CONTEXT = frozenset({
    "gunmen", "gunman", "militants", "militant", "militia", "militias", "drone", "drones", "bomb", "bombs", "rocket",
    "rockets", "missile", "missiles", "explosive", "explosives", "armed", "gunfire", "grenade", "assailant",
    "assailants", "attackers", "terrorist", "terrorists", "insurgents", "mob", "knife", "gun", "guns",
    # condemning an attack presents it as a wrong done to the target
    "condemned", "condemns", "condemn", "denounced", "denounces", "deplored", "decried",
})
HARM = VIOLENCE | ATTACK
HARM_PREPOSITIONS = frozenset({"on", "against", "of", "to", "toward", "towards"})
SURVIVAL = frozenset({"survived", "survives", "survive"})
