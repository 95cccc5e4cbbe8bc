"""Matching parties against lists: name comparison, the candidate index, the matcher."""
