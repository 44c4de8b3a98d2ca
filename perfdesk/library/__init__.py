"""The 指标库 without storage or Qt: identity, pinyin, learning, the starter set, matching, JSON.

The services keep the entries in the workspace (``perfdesk.models.library``);
the checks and the comparison use ``keys`` to know when two rows are the same indicator.
"""
