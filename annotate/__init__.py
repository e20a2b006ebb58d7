"""Annotation in Label Studio: labeling config, local server, project sync, import, pull, parsing.

Only ``eventset.annotate.client`` talks to Label Studio; everything else here is pure or local.
"""
