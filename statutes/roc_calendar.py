"""The Republic of China (民國) calendar: 民國 year ``y`` is Gregorian year ``y + 1911``."""

from __future__ import annotations

__all__ = ["ROC_EPOCH_OFFSET"]

ROC_EPOCH_OFFSET = 1911
"""Gregorian year = ROC year + ROC_EPOCH_OFFSET (民國元年 is 1912)."""
