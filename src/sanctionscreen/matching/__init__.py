"""Matching parties against lists: one algorithm, named and versioned, and its parts.

- :mod:`.matcher`: :class:`~.matcher.Matcher`, which indexes the lists' names once and
  returns a party's matches, explained, one per list entry;
- :mod:`.logic`: the algorithm, ``party-logic-v2``: its features and its
  :class:`~.logic.MatchConfig` (thresholds and weights);
- :mod:`.compare` (whole names), :mod:`.words` (the word rules), :mod:`.caps` (evidence
  caps and raises): how two names compare;
- :mod:`.index`, :mod:`.keys`, :mod:`.search`: finding the candidates without a full scan;
- :mod:`.identifiers`: registration, tax and IMO numbers; :mod:`.allowlist`: known false
  positives.
"""
