#!/usr/bin/env python3
"""The scikit-learn peer of storyline's story clustering (run by storyline_stories_eval).

Reads JSON Lines ({"title", "text"} per article) from --input, builds TF-IDF vectors of
title + text (English stop words, sublinear tf), clusters them by agglomerative clustering
with cosine distance and average linkage, cut at each --thresholds distance, and prints
{"labels": [[label per article] per threshold]} on stdout.
"""
import argparse
import json
import sys

import numpy as np
from scipy.cluster.hierarchy import fcluster
from sklearn.cluster import AgglomerativeClustering
from sklearn.feature_extraction.text import TfidfVectorizer


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--input", required=True)
    parser.add_argument("--thresholds", required=True, help="comma-separated cosine distances")
    args = parser.parse_args()
    thresholds = [float(t) for t in args.thresholds.split(",")]

    with open(args.input, encoding="utf-8") as f:
        docs = [json.loads(line) for line in f if line.strip()]
    texts = [d.get("title", "") + "\n" + d.get("text", "") for d in docs]
    if len(texts) < 2:
        print(json.dumps({"labels": [[0] * len(texts) for _ in thresholds]}))
        return

    x = TfidfVectorizer(stop_words="english", sublinear_tf=True).fit_transform(texts)
    distances = np.clip(1.0 - (x @ x.T).toarray(), 0.0, None)
    np.fill_diagonal(distances, 0.0)
    # One tree for every threshold: cut the full tree scikit-learn builds (the same tree
    # AgglomerativeClustering(distance_threshold=t) cuts for each t).
    model = AgglomerativeClustering(n_clusters=None, distance_threshold=thresholds[0],
                                    metric="precomputed", linkage="average",
                                    compute_full_tree=True, compute_distances=True)
    model.fit(distances)
    n = len(texts)
    sizes = np.ones(2 * n - 1)
    for i, (a, b) in enumerate(model.children_):
        sizes[n + i] = sizes[a] + sizes[b]
    linkage = np.column_stack([model.children_, model.distances_, sizes[n:]]).astype(float)
    labels = []
    for t in thresholds:
        # Merges at distance < t are kept, as AgglomerativeClustering(distance_threshold=t).
        cut = fcluster(linkage, t=np.nextafter(t, 0.0), criterion="distance")
        labels.append([int(c) for c in cut])
    json.dump({"labels": labels}, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
