"""``yxnlp evaluate``: precision/recall/F1 of the pipeline against gold annotations.

(Skeleton; the indicators work item writes the orchestrator, ``indicators.py`` scores
indicators and ``entities.py`` scores entity categories.)
"""
