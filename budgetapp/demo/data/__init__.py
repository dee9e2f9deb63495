"""Facts typed in from the seed documents (`../shared/seeds`), as compact tables.

Each row carries the seed line it was typed from, so every stored figure can say where it came from.
"""
