"""Editors on the right: one form per kind of tree node, switched by :mod:`.stack`."""
