"""The benchmark corpus generator's parts: material (phrases, actors), sentences, compose, render.

Used by ``bench/generate_corpus.py``; see that script for the command line.
"""
