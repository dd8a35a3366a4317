"""The Flask side of benchmarks/serving.sh: the seed's deployment of a model, as a Flask app under gunicorn.

Train once, `python3 flask_app.py train MODEL.pkl` (scikit-learn's RandomForestClassifier(n_estimators=50, max_depth=4)
on samples/Cancer/data/cancer.csv); then `SKLEARN_MODEL=MODEL.pkl gunicorn -w 2 flask_app:app` answers
POST /predict with one row (a JSON object keyed by column name) or a list of rows, as ReproBuild.Serving's predict does.
"""
import csv
import os
import pickle
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "..", "..", "samples", "Cancer", "data", "cancer.csv")
LABEL = "diagnosis"


def train(path):
    from sklearn.ensemble import RandomForestClassifier
    with open(DATA, newline="") as f:
        rows = list(csv.DictReader(f))
    columns = [c for c in rows[0] if c != LABEL]
    x = np.array([[float(r[c]) for c in columns] for r in rows])
    y = np.array([r[LABEL] == "malignant" for r in rows])
    model = RandomForestClassifier(n_estimators=50, max_depth=4, random_state=42).fit(x, y)
    with open(path, "wb") as f:
        pickle.dump({"model": model, "columns": columns}, f)


if __name__ == "__main__" and sys.argv[1:2] == ["train"]:
    train(sys.argv[2])
    sys.exit(0)

from flask import Flask, jsonify, request  # noqa: E402  (training needs no Flask)

with open(os.environ["SKLEARN_MODEL"], "rb") as f:
    _loaded = pickle.load(f)
MODEL, COLUMNS = _loaded["model"], _loaded["columns"]
app = Flask(__name__)


@app.post("/predict")
def predict():
    body = request.get_json()
    rows = body if isinstance(body, list) else [body]
    x = np.array([[row[c] for c in COLUMNS] for row in rows], dtype=float)
    probabilities = MODEL.predict_proba(x)[:, 1]
    predictions = [{"predictedLabel": bool(p >= 0.5), "probability": float(p)} for p in probabilities]
    return jsonify({"prediction": predictions[0]} if isinstance(body, dict) else {"predictions": predictions})
