#!/usr/bin/python3
"""Fills the German and Persian .ts files from the tables below (run after
lupdate). Strings not listed stay unfinished and show in English."""
import sys
import xml.etree.ElementTree as ET

DE = {
    "AIA Studio": "AIA Studio", "&Dataset": "&Datensatz", "&Train": "&Training", "&Browse": "&Durchsuchen",
    "T&hresholds": "&Schwellenwerte", "&Annotate": "&Annotieren", "Log": "Protokoll", "Ready": "Bereit",
    "&File": "&Datei", "Open &dataset folder...": "&Datensatzordner öffnen...", "Open &run...": "&Lauf öffnen...",
    "Recent r&uns": "Letzte Lä&ufe", "Open &images to annotate...": "&Bilder zum Annotieren öffnen...",
    "&Save thresholds...": "Schwellenwerte &speichern...", "&Load thresholds...": "Schwellenwerte &laden...",
    "&Export CSV": "CSV &exportieren", "Test-set &predictions...": "&Vorhersagen der Testmenge...",
    "Per-label &metrics...": "&Metriken je Label...", "&Annotations...": "&Annotationen...", "&Quit": "&Beenden",
    "&Edit": "&Bearbeiten", "&Undo": "&Rückgängig", "&Redo": "&Wiederholen", "&Training": "&Training",
    "&Start": "&Starten", "S&top": "S&toppen", "&Resume a run...": "Lauf &fortsetzen...", "&View": "&Ansicht",
    "&Help": "&Hilfe", "&About AIA Studio": "&Über AIA Studio", "About &Qt": "Über &Qt",
    "About AIA Studio": "Über AIA Studio", "Training failed": "Training fehlgeschlagen",
    "Cannot open the run": "Der Lauf kann nicht geöffnet werden", "Open a training run folder": "Ordner eines Trainingslaufs öffnen",
    "wrote %1": "%1 geschrieben", "nothing to export yet": "noch nichts zu exportieren",
    "Export predictions": "Vorhersagen exportieren", "Export per-label metrics": "Metriken je Label exportieren",
    "Export annotations": "Annotationen exportieren",
    "&Loss:": "&Verlustfunktion:", "&Backbone:": "&Backbone:", "&Pretrained:": "&Vortrainiert:", "&Epochs:": "&Epochen:",
    "Batch si&ze:": "Batch&größe:", "Learning &rate:": "Lern&rate:", "&Image size:": "&Bildgröße:", "&Device:": "&Gerät:",
    "&Mode:": "&Modus:", "&Run folder:": "&Laufordner:", "&Resume...": "&Fortsetzen...", "Browse...": "Durchsuchen...",
    "EMA of the weights": "EMA der Gewichte", "Mi&xed precision (bfloat16)": "Gemischte Präzisio&n (bfloat16)",
    "bfloat16 autocast of the forward pass: faster and about 40% of the memory on a GPU, slower than float32 on most CPUs":
        "bfloat16-Autocast des Vorwärtsdurchlaufs: auf einer GPU schneller und mit etwa 40 % des Speichers, auf den "
        "meisten CPUs langsamer als float32",
    "fine-tune the whole network": "das ganze Netz feinabstimmen",
    "frozen backbone (train the head on cached features)": "eingefrorenes Backbone (nur den Kopf auf zwischengespeicherten Merkmalen trainieren)",
    "Pick a dataset on the Dataset page.": "Wählen Sie auf der Seite Datensatz einen Datensatz.",
    "Pick a dataset with images on the Dataset page.": "Wählen Sie auf der Seite Datensatz einen Datensatz mit Bildern.",
    "Ready to train on %1.": "Bereit zum Training auf %1.", "Starting...": "Start...",
    "Epoch %1/%2, batch %3/%4 — loss %5 — %6 images/s — ETA %7": "Epoche %1/%2, Batch %3/%4 — Verlust %5 — %6 Bilder/s — Restzeit %7",
    "Finished. %1": "Fertig. %1", "Stopped. %1": "Gestoppt. %1", "Failed: %1": "Fehlgeschlagen: %1",
    "epoch": "Epoche", "loss": "Verlust", "train loss": "Trainingsverlust", "validation loss": "Validierungsverlust",
    "train loss (smoothed, per batch)": "Trainingsverlust (geglättet, je Batch)", "per-class F1": "F1 je Klasse",
    "per-image F1": "F1 je Bild", "&Dataset:": "&Datensatz:", "Open &folder...": "&Ordner öffnen...",
    "No dataset loaded.": "Kein Datensatz geladen.", "labels, most frequent first": "Labels, häufigste zuerst",
    "training images": "Trainingsbilder", "Validation report": "Prüfbericht", "Loading %1...": "%1 wird geladen...",
    "Demo (Fashion-MNIST mosaics)": "Demo (Fashion-MNIST-Mosaike)", "Label:": "Label:", "Sort:": "Sortierung:",
    "all labels": "alle Labels", "by file name": "nach Dateiname", "by per-image F1, worst first": "nach F1 je Bild, schlechteste zuerst",
    "by per-image F1, best first": "nach F1 je Bild, beste zuerst", "tag": "Schlagwort", "score": "Wert", "result": "Ergebnis",
    "true positive": "richtig positiv", "false positive": "falsch positiv", "missed": "verpasst",
    "image": "Bild", "scores": "Werte", "tags (editable, separated by ;)": "Schlagwörter (editierbar, getrennt durch ;)",
    "&Open images...": "Bilder &öffnen...", "skipped %1: not an image file": "%1 übersprungen: keine Bilddatei",
    "label": "Label", "frequency": "Häufigkeit", "threshold": "Schwellenwert", "strategy": "Strategie",
    "MCC &grid (paper)": "MCC-&Raster (Artikel)", "Exact &MCC": "Exakter &MCC", "Exact &F1": "Exakter &F1",
    "Set all &to": "Alle &setzen auf", "Select a label to move its threshold.": "Wählen Sie ein Label, um seinen Schwellenwert zu verschieben.",
    "Test split, current thresholds: %1": "Testmenge, aktuelle Schwellenwerte: %1", "Save thresholds": "Schwellenwerte speichern",
    "Load thresholds": "Schwellenwerte laden", "edit tags": "Schlagwörter bearbeiten",
    "&Clear list": "Liste &leeren", "Remove every image from the list (the files stay)":
        "Alle Bilder aus der Liste entfernen (die Dateien bleiben)", "Images (%1)": "Bilder (%1)",
    "the run changed while annotating; annotating again with %1":
        "der Lauf wurde während des Annotierens gewechselt; erneut annotiert mit %1",
    "%1 has no finished epoch to compare (is it a run folder?)":
        "%1 hat keine abgeschlossene Epoche zum Vergleichen (ist es ein Laufordner?)",
    "skipped %1: %2": "%1 übersprungen: %2",
    "this run has another vocabulary: the scores of the images listed before are dropped":
        "dieser Lauf hat ein anderes Vokabular: die Werte der zuvor gelisteten Bilder werden verworfen",
    # Experiments page
    "E&xperiments": "E&xperimente", "Losses:": "Verlustfunktionen:", "&Seeds:": "&Seeds:", "&Folder:": "&Ordner:",
    "Recipe:": "Rezept:",
    "the Train page's settings, on the Dataset page's dataset":
        "die Einstellungen der Seite Training, auf dem Datensatz der Seite Datensatz",
    "S&tart experiment": "Experiment s&tarten", "Sto&p": "Sto&ppen", "&Resume or open...": "&Fortsetzen oder öffnen...",
    "Export &table...": "&Tabelle exportieren...", "Export p&lots...": "&Diagramme exportieren...", "Cell": "Zelle",
    "Loss": "Verlustfunktion", "Seed": "Seed", "State": "Zustand", "Progress": "Fortschritt", "Seeds": "Seeds",
    "Thresholds:": "Schwellenwerte:", "Per label:": "Je Label:", "waiting": "wartet",
    "interrupted (resumes)": "unterbrochen (wird fortgesetzt)", "running": "läuft", "finished": "fertig",
    "failed": "fehlgeschlagen", "Demo, long-tailed labels": "Demo, Labels mit langem Schwanz",
    "Comma-separated seeds: each loss trains once per seed":
        "Durch Kommas getrennte Seeds: jede Verlustfunktion trainiert einmal je Seed",
}

FA = {
    "AIA Studio": "استودیو AIA", "&Dataset": "&مجموعه داده", "&Train": "&آموزش", "&Browse": "&مرور",
    "T&hresholds": "&آستانه‌ها", "&Annotate": "&برچسب‌گذاری", "Log": "گزارش", "Ready": "آماده",
    "&File": "&پرونده", "Open &dataset folder...": "باز کردن پوشهٔ &مجموعه داده...", "Open &run...": "باز کردن &اجرا...",
    "Recent r&uns": "اجراهای &اخیر", "Open &images to annotate...": "باز کردن &تصاویر برای برچسب‌گذاری...",
    "&Save thresholds...": "&ذخیرهٔ آستانه‌ها...", "&Load thresholds...": "&بارگذاری آستانه‌ها...",
    "&Export CSV": "&صدور CSV", "Test-set &predictions...": "&پیش‌بینی‌های مجموعهٔ آزمون...",
    "Per-label &metrics...": "&معیارهای هر برچسب...", "&Annotations...": "&برچسب‌ها...", "&Quit": "&خروج",
    "&Edit": "&ویرایش", "&Undo": "&واگرد", "&Redo": "&ازنو", "&Training": "&آموزش", "&Start": "&شروع",
    "S&top": "&توقف", "&Resume a run...": "&ادامهٔ یک اجرا...", "&View": "&نما", "&Help": "&راهنما",
    "&About AIA Studio": "&دربارهٔ استودیو AIA", "About &Qt": "دربارهٔ &Qt", "About AIA Studio": "دربارهٔ استودیو AIA",
    "Training failed": "آموزش ناموفق بود", "Cannot open the run": "اجرا باز نمی‌شود",
    "&Loss:": "&تابع زیان:", "&Backbone:": "&ستون فقرات:", "&Pretrained:": "&پیش‌آموخته:", "&Epochs:": "&دوره‌ها:",
    "Batch si&ze:": "&اندازهٔ دسته:", "Learning &rate:": "&نرخ یادگیری:", "&Image size:": "اندازهٔ &تصویر:",
    "&Device:": "&دستگاه:", "&Mode:": "&حالت:", "&Run folder:": "&پوشهٔ اجرا:", "&Resume...": "&ادامه...",
    "Browse...": "مرور...", "epoch": "دوره", "loss": "زیان", "train loss": "زیان آموزش", "validation loss": "زیان اعتبارسنجی",
    "per-class F1": "F1 هر کلاس", "per-image F1": "F1 هر تصویر", "&Dataset:": "&مجموعه داده:",
    "Open &folder...": "باز کردن &پوشه...", "No dataset loaded.": "هیچ مجموعه داده‌ای بارگذاری نشده است.",
    "training images": "تصاویر آموزشی", "Validation report": "گزارش اعتبارسنجی", "Label:": "برچسب:", "Sort:": "مرتب‌سازی:",
    "all labels": "همهٔ برچسب‌ها", "tag": "برچسب", "score": "امتیاز", "result": "نتیجه", "true positive": "مثبت درست",
    "false positive": "مثبت نادرست", "missed": "از دست رفته", "image": "تصویر", "scores": "امتیازها",
    "&Open images...": "باز کردن &تصاویر...", "label": "برچسب", "frequency": "فراوانی", "threshold": "آستانه",
    "strategy": "راهبرد", "Exact &MCC": "&MCC دقیق", "Exact &F1": "&F1 دقیق", "Save thresholds": "ذخیرهٔ آستانه‌ها",
    "Load thresholds": "بارگذاری آستانه‌ها", "Starting...": "در حال شروع...", "Finished. %1": "پایان یافت. %1",
    "Stopped. %1": "متوقف شد. %1", "Failed: %1": "ناموفق: %1",
    "Mi&xed precision (bfloat16)": "دقت &ترکیبی (bfloat16)",
    "bfloat16 autocast of the forward pass: faster and about 40% of the memory on a GPU, slower than float32 on most CPUs":
        "autocast با bfloat16 در گذر رو به جلو: روی GPU سریع‌تر و با حدود ۴۰٪ حافظه، روی بیشتر CPUها کندتر از float32",
    "&Clear list": "&پاک کردن فهرست", "Remove every image from the list (the files stay)":
        "همهٔ تصویرها را از فهرست بردار (پرونده‌ها می‌مانند)", "Images (%1)": "تصویرها (%1)",
    "the run changed while annotating; annotating again with %1":
        "اجرا هنگام برچسب‌زنی عوض شد؛ برچسب‌زنی دوباره با %1",
    "%1 has no finished epoch to compare (is it a run folder?)":
        "%1 هیچ دورهٔ پایان‌یافته‌ای برای مقایسه ندارد (آیا پوشهٔ اجرا است؟)",
    "skipped %1: %2": "%1 رد شد: %2",
    "this run has another vocabulary: the scores of the images listed before are dropped":
        "این اجرا واژگان دیگری دارد: امتیازهای تصویرهای فهرست‌شدهٔ پیشین کنار گذاشته می‌شوند",
    # Experiments page
    "E&xperiments": "&آزمایش‌ها", "Losses:": "توابع زیان:", "&Seeds:": "&بذرها:", "&Folder:": "&پوشه:",
    "Recipe:": "دستور:",
    "the Train page's settings, on the Dataset page's dataset": "تنظیمات صفحهٔ آموزش، روی مجموعه‌دادهٔ صفحهٔ مجموعه‌داده",
    "S&tart experiment": "&شروع آزمایش", "Sto&p": "&توقف", "&Resume or open...": "&ادامه یا باز کردن...",
    "Export &table...": "صدور &جدول...", "Export p&lots...": "صدور &نمودارها...", "Cell": "خانه", "Loss": "تابع زیان",
    "Seed": "بذر", "State": "وضعیت", "Progress": "پیشرفت", "Seeds": "بذرها", "Thresholds:": "آستانه‌ها:",
    "Per label:": "برای هر برچسب:", "waiting": "در انتظار", "interrupted (resumes)": "قطع‌شده (ادامه می‌یابد)",
    "running": "در حال اجرا", "finished": "پایان‌یافته", "failed": "ناموفق",
    "Demo, long-tailed labels": "نمایشی، برچسب‌های دم‌بلند",
    "Comma-separated seeds: each loss trains once per seed": "بذرها با ویرگول جدا می‌شوند: هر تابع زیان یک بار برای هر بذر آموزش می‌بیند",
}

for path, table in ((sys.argv[1], DE), (sys.argv[2], FA)):
    tree = ET.parse(path)
    filled = 0
    for message in tree.iter("message"):
        source = message.find("source").text or ""
        translation = message.find("translation")
        if source in table:
            translation.text = table[source]
            translation.attrib.pop("type", None)
            filled += 1
    tree.write(path, encoding="utf-8", xml_declaration=True)
    print(f"{path}: {filled} strings translated")
