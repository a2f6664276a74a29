import json
import zipfile

import numpy as np
import pytest

from cleaner import CleanerError, Label
from cleaner.model import Model
from cleaner.model_files import DEFAULT_MODEL, models_dir


def test_shipped_model_is_plain_data():
    folder = models_dir() / DEFAULT_MODEL
    info = json.loads((folder / "model.json").read_text(encoding="utf-8"))
    assert {"name", "version", "labels", "vocabulary"} <= set(info)
    with zipfile.ZipFile(folder / "weights.npz") as z:
        assert sorted(z.namelist()) == ["coef.npy", "intercept.npy"]
    # np.load with allow_pickle=False refuses object arrays, so loading runs no code.
    with np.load(folder / "weights.npz", allow_pickle=False) as arrays:
        assert arrays["coef"].dtype == np.float32
        assert arrays["coef"].shape == (len(info["labels"]), len(info["vocabulary"]))


def test_probabilities_are_a_distribution():
    model = Model.load()
    probs = model.predict_proba([{"w=donate": 1.0, "len=3": 1.0}, {}, {"never-seen-feature": 1.0}])
    assert probs.shape == (3, len(Label))
    assert np.allclose(probs.sum(axis=1), 1.0)
    assert np.allclose(probs[1], probs[2])  # unknown features change nothing


def test_save_and_load_round_trip(tmp_path):
    model = Model.load()
    model.save(tmp_path / "copy")
    again = Model.load(tmp_path / "copy")
    feats = [{"w=subscribe": 1.0, "lex:appeal": 1.0}]
    assert np.allclose(model.predict_proba(feats), again.predict_proba(feats))
    assert again.describe() == model.describe()


def test_a_pickled_weights_file_is_refused(tmp_path):
    folder = tmp_path / "evil"
    folder.mkdir()
    (folder / "model.json").write_text(json.dumps({"name": "x", "version": "1", "labels": ["body"], "vocabulary": []}))
    np.savez(folder / "weights.npz", coef=np.array([object()], dtype=object), intercept=np.zeros(1))
    with pytest.raises(CleanerError) as info:
        Model.load(folder)
    assert info.value.code == "io"


def test_missing_model_is_a_clear_error(tmp_path):
    with pytest.raises(CleanerError, match="cannot load model"):
        Model.load(tmp_path / "nothing-here")


def test_a_model_trained_on_other_features_is_refused(tmp_path):
    import shutil

    from cleaner.model_files import model_folder

    folder = tmp_path / "old"
    shutil.copytree(model_folder(None), folder)
    info = json.loads((folder / "model.json").read_text(encoding="utf-8"))
    info.pop("features")  # as models before version 6 were written
    (folder / "model.json").write_text(json.dumps(info), encoding="utf-8")
    with pytest.raises(CleanerError, match="trained on features of version 1") as err:
        Model.load(folder)
    assert err.value.code == "io" and "cleaner train" in err.value.hint
