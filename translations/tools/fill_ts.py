#!/usr/bin/python3
"""Fills the German and Persian .ts files from the tables below (run after
lupdate). Strings not listed stay unfinished, show in English, and fail
tst_translations."""
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
    "bfloat16 autocast of the forward pass (the losses and metrics stay float32): several times faster than float32 "
    "on CPUs with bfloat16 instructions (AVX512_BF16 or AMX), much slower on others. On a GPU: faster, and about 40% "
    "of the memory.\nThis CPU: %1":
        "bfloat16-Autocast des Vorwärtsdurchlaufs (Verlustfunktionen und Metriken bleiben float32): auf CPUs mit "
        "bfloat16-Befehlen (AVX512_BF16 oder AMX) um ein Mehrfaches schneller als float32, auf anderen viel langsamer. "
        "Auf einer GPU: schneller, mit etwa 40 % des Speichers.\nDiese CPU: %1",
    "model loaded for annotation: %1": "Modell zum Annotieren geladen: %1",
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
    "bfloat16 autocast of the forward pass (the losses and metrics stay float32): several times faster than float32 "
    "on CPUs with bfloat16 instructions (AVX512_BF16 or AMX), much slower on others. On a GPU: faster, and about 40% "
    "of the memory.\nThis CPU: %1":
        "autocast با bfloat16 در گذر رو به جلو (تابع‌های زیان و معیارها float32 می‌مانند): روی CPUهایی که دستورهای "
        "bfloat16 دارند (AVX512_BF16 یا AMX) چند برابر سریع‌تر از float32 و روی بقیه بسیار کندتر. روی GPU: سریع‌تر "
        "و با حدود ۴۰٪ حافظه.\nاین CPU: %1",
    "model loaded for annotation: %1": "مدل برای برچسب‌گذاری بارگذاری شد: %1",
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

DE_MORE = {
    "New run from a published model": "Neuer Lauf aus einem veröffentlichten Modell",
    "The input size the model was trained at (timm's tresnet_m.miil_in21k: 224)":
        "Die Eingabegröße, mit der das Modell trainiert wurde (timms tresnet_m.miil_in21k: 224)",
    "Browse...": "Durchsuchen...", "&Weights (model.safetensors):": "&Gewichte (model.safetensors):",
    "Weights": "Gewichte", "Weights (*.safetensors *.pth *.pt)": "Gewichte (*.safetensors *.pth *.pt)",
    "&Class names (one per line):": "&Klassennamen (einer pro Zeile):", "Class names": "Klassennamen",
    "Text (*.txt)": "Text (*.txt)", "Run &folder to make:": "Anzulegender Lauf&ordner:",
    "&Backbone:": "&Backbone:", "&Input size:": "&Eingabegröße:",
    "Export &model (ONNX)...": "&Modell exportieren (ONNX)...",
    "New run from a &published model...": "Neuer Lauf aus einem &veröffentlichten Modell...",
    "Export model": "Modell exportieren",
    "Open a run first (File > Open run), or train one.": "Öffnen Sie zuerst einen Lauf (Datei > Lauf öffnen) oder trainieren Sie einen.",
    "Export the run's model": "Das Modell des Laufs exportieren", "ONNX (*.onnx)": "ONNX (*.onnx)",
    "exporting %1 to %2...": "exportiere %1 nach %2...", "making a run from %1...": "lege einen Lauf aus %1 an...",
    "opened run %1: a tagger without test scores (Annotate and Review use it; Browse and Thresholds need a run trained here)":
        "Lauf %1 geöffnet: ein Verschlagworter ohne Testwerte (Annotieren und Prüfen nutzen ihn; Durchsuchen und Schwellenwerte brauchen einen hier trainierten Lauf)",
    "Cannot export the model": "Das Modell kann nicht exportiert werden",
    "wrote %1: %2, %3 labels, input 3 x %4 x %4; thresholds: %5":
        "%1 geschrieben: %2, %3 Labels, Eingabe 3 x %4 x %4; Schwellenwerte: %5",
    "Cannot make a run from the model": "Aus dem Modell kann kein Lauf angelegt werden",
    "made run %1 from %2: %3 labels; thresholds 0.5 until reviewed images calibrate them":
        "Lauf %1 aus %2 angelegt: %3 Labels; Schwellenwerte 0,5, bis geprüfte Bilder sie kalibrieren",
    "skipped file": "übersprungene Datei", "reason": "Grund",
    "Files under the dropped folders that were not tagged, and why":
        "Dateien in den abgelegten Ordnern, die nicht verschlagwortet wurden, und warum",
    "skipped %1: %2": "übersprungen %1: %2",
    "per-image F1 %1": "F1 je Bild %1", "threshold of %1": "Schwellenwert von %1",
    "per-class P %1  R %2  F1 %3   per-image P %4  R %5  F1 %6   N+ %7   mAP %8":
        "je Klasse P %1  R %2  F1 %3   je Bild P %4  R %5  F1 %6   N+ %7   mAP %8",
    "Export as &PNG...": "Als &PNG exportieren...", "Export as &SVG...": "Als &SVG exportieren...",
    "Export as P&DF...": "Als P&DF exportieren...", "Export the plot": "Diagramm exportieren",
    "Drop images or folders here, or use File > Open images (Ctrl+O).":
        "Bilder oder Ordner hier ablegen oder Datei > Bilder öffnen (Strg+O) verwenden.",
    "Select an image to see it large.": "Ein Bild auswählen, um es groß zu sehen.",
    "Write &XMP sidecars": "&XMP-Sidecars schreiben",
    "Write the tags into IMAGE.ext.xmp files (dc:subject, digiKam:TagsList) for photo managers":
        "Die Tags in BILD.ext.xmp-Dateien schreiben (dc:subject, digiKam:TagsList), für Fotoverwaltungen",
    "Images to annotate": "Zu annotierende Bilder",
    "no trained run to annotate with: train one or open a run folder (File > Open run)":
        "kein trainierter Lauf zum Annotieren: einen trainieren oder einen Laufordner öffnen (Datei > Lauf öffnen)",
    "Annotating %n image(s)...": ["Annotiere %n Bild...", "Annotiere %n Bilder..."],
    "cannot annotate: %1": "Annotieren nicht möglich: %1", "Cannot show %1": "%1 kann nicht angezeigt werden",
    "annotated %n image(s)": ["%n Bild annotiert", "%n Bilder annotiert"],
    "cannot write the sidecar of %1: %2": "Sidecar von %1 kann nicht geschrieben werden: %2",
    "wrote %n XMP sidecar(s)": ["%n XMP-Sidecar geschrieben", "%n XMP-Sidecars geschrieben"],
    "labels per training image": "Labels je Trainingsbild",
    "Point at a cell: the two labels and how many training images carry both (the diagonal, a label's own count, is off the colour scale).":
        "Auf eine Zelle zeigen: die zwei Labels und wie viele Trainingsbilder beide tragen (die Diagonale, die "
        "Anzahl eines Labels selbst, liegt außerhalb der Farbskala).",
    "Re&shuffle": "&Neu mischen", "Show other training images": "Andere Trainingsbilder zeigen",
    "Label frequency": "Label-Häufigkeit", "Labels per image": "Labels je Bild", "Co-occurrence": "Gemeinsames Auftreten",
    "Gallery": "Galerie", "Dataset folder (train.json + test.json + images/)": "Datensatzordner (train.json + test.json + images/)",
    "Cannot use %1: %2": "%1 kann nicht verwendet werden: %2",
    "<b>%1</b> — %2 training, %3 test images with their files present; %4 labels; %5 labels per training image; normalisation: %6":
        "<b>%1</b> — %2 Trainings-, %3 Testbilder mit vorhandenen Dateien; %4 Labels; %5 Labels je Trainingsbild; "
        "Normalisierung: %6",
    "computed from the training images when training starts": "aus den Trainingsbildern berechnet, wenn das Training beginnt",
    "No training image was found in %1: put the images there to train.\n":
        "In %1 wurde kein Trainingsbild gefunden: die Bilder dort ablegen, um zu trainieren.\n",
    "dataset %1: %2": "Datensatz %1: %2", "images with both labels": "Bilder mit beiden Labels",
    "%1: %2 training images": "%1: %2 Trainingsbilder", "%1 and %2: %3 training images": "%1 und %2: %3 Trainingsbilder",
    "experiments/<dataset>-<date and time>": "experiments/<Datensatz>-<Datum und Uhrzeit>",
    "per-class F1, 95% interval": "F1 je Klasse, 95-%-Intervall",
    "Per-class F1 by loss; whiskers: the 95% paired-bootstrap interval over test images":
        "F1 je Klasse nach Verlustfunktion; Fehlerbalken: das 95-%-Intervall des gepaarten Bootstraps über die Testbilder",
    "label frequency (positives among the test images)": "Label-Häufigkeit (Positive unter den Testbildern)",
    "The loss plotted against the baseline, label by label": "Die Verlustfunktion gegen die Referenz, Label für Label",
    "Export the report table": "Berichtstabelle exportieren",
    "Markdown (*.md);;CSV (*.csv);;LaTeX (*.tex)": "Markdown (*.md);;CSV (*.csv);;LaTeX (*.tex)",
    "Export the plots (PNG, SVG and PDF)": "Diagramme exportieren (PNG, SVG und PDF)", "Report: %1": "Bericht: %1",
    "%1/experiments/<dataset>-<date and time>": "%1/experiments/<Datensatz>-<Datum und Uhrzeit>",
    "Load a dataset with its images first (Dataset page)": "Zuerst einen Datensatz mit seinen Bildern laden (Seite Datensatz)",
    "Seeds: '%1' is not an integer": "Seeds: „%1“ ist keine ganze Zahl", "Cannot start: %1": "Start nicht möglich: %1",
    "Experiment folder to resume or open": "Experimentordner zum Fortsetzen oder Öffnen",
    "Cannot open %1: %2": "%1 kann nicht geöffnet werden: %2", "%1: %2 of %3 cells finished.": "%1: %2 von %3 Zellen fertig.",
    "Cell %1 of %2: %3 (its live curves are on the Train page).":
        "Zelle %1 von %2: %3 (ihre Live-Kurven sind auf der Seite Training).",
    "%1% (epoch %2/%3)": "%1 % (Epoche %2/%3)",
    "Stopped: %1 Resume continues where it stopped.": "Gestoppt: %1 Fortsetzen macht dort weiter, wo es stoppte.",
    "%1 (published, not ours)": "%1 (veröffentlicht, nicht unseres)",
    "The paired bootstrap needs the baseline and another loss finished on the same seed.":
        "Der gepaarte Bootstrap braucht die Referenz und eine weitere Verlustfunktion, fertig mit demselben Seed.",
    "per-label F1, %1": "F1 je Label, %1", "equal F1": "gleiches F1", "support %1": "Häufigkeit %1",
    "support %1-%2": "Häufigkeit %1-%2", "F1 gain, %1 − %2": "F1-Gewinn, %1 − %2", "labels": "Labels",
    "mean per frequency bin": "Mittel je Häufigkeitsklasse", "no gain": "kein Gewinn", "Wrote %1": "%1 geschrieben",
    "Cannot write %1: %2": "%1 kann nicht geschrieben werden: %2",
    "Wrote the plots as %1-*.png, .svg and .pdf": "Diagramme als %1-*.png, .svg und .pdf geschrieben",
    "Could not write every plot under %1": "Nicht jedes Diagramm unter %1 konnte geschrieben werden",
    "Preferences": "Einstellungen", "Folder for runs and experiments": "Ordner für Läufe und Experimente",
    "&Data folder (runs/ and experiments/):": "&Datenordner (runs/ und experiments/):",
    "new runs and experiments go to %1": "neue Läufe und Experimente kommen nach %1",
    "Ctrl+Shift+O": "Ctrl+Shift+O", "Ctrl+R": "Ctrl+R", "Ctrl+L": "Ctrl+L", "Ctrl+E": "Ctrl+E", "F5": "F5",
    "Shift+F5": "Shift+F5", "CSV (*.csv)": "CSV (*.csv)", "JSON (*.json)": "JSON (*.json)",
    "&Thresholds...": "&Schwellenwerte...", "Export thresholds": "Schwellenwerte exportieren",
    "Annotations as a &dataset (JSON)...": "Annotationen als &Datensatz (JSON)...",
    "Export annotations as a dataset file (images are copied beside it)":
        "Annotationen als Datensatzdatei exportieren (die Bilder werden daneben kopiert)",
    "&Preferences...": "&Einstellungen...", "&Compare with a past run...": "Mit einem früheren Lauf &vergleichen...",
    "A run folder whose curves to overlay": "Ein Laufordner, dessen Kurven überlagert werden",
    "Cannot compare": "Vergleich nicht möglich", "C&lear compared runs": "Verglichene Läufe &entfernen",
    "opened run %1 (%2 test images, %3 labels)": "Lauf %1 geöffnet (%2 Testbilder, %3 Labels)",
    "<h3>AIA Studio %1</h3><p>Automatic image annotation: TResNet-M, the unsymmetrical loss of Salar &amp; Ahmadi (The Visual Computer, 2023), per-label thresholds by Matthews correlation.</p><p>Built with Qt %2 and LibTorch.</p>":
        "<h3>AIA Studio %1</h3><p>Automatische Bildannotation: TResNet-M, die unsymmetrische Verlustfunktion von "
        "Salar &amp; Ahmadi (The Visual Computer, 2023), Schwellenwerte je Label nach Matthews-Korrelation.</p>"
        "<p>Gebaut mit Qt %2 und LibTorch.</p>",
    "stopping the training run before quitting; resume it later from its run folder":
        "der Trainingslauf wird vor dem Beenden gestoppt; später aus seinem Laufordner fortsetzen",
    "P": "P", "R": "R", "F1": "F1", "MCC": "MCC", "TP": "TP", "FP": "FP", "FN": "FN", "N+": "N+", "0.5": "0,5",
    "test score (drag the line to move the threshold)": "Test-Score (die Linie ziehen, um den Schwellenwert zu verschieben)",
    "share of the class": "Anteil der Klasse", "recall": "Recall", "precision": "Präzision",
    "threshold (drag the line)": "Schwellenwert (die Linie ziehen)", "F1, MCC": "F1, MCC",
    "labels, sorted by F1 at their thresholds (click a bar to select its label)":
        "Labels, nach F1 bei ihren Schwellenwerten sortiert (einen Balken anklicken wählt sein Label)",
    "test F1": "Test-F1", "one threshold for every label": "ein Schwellenwert für jedes Label",
    "Per-label F1": "F1 je Label", "One global threshold": "Ein globaler Schwellenwert",
    "This run kept no training-split scores (runs from before they were kept): the curves show the test split only.":
        "Dieser Lauf hat keine Scores der Trainingsmenge (Läufe von vor deren Speicherung): die Kurven zeigen nur die "
        "Testmenge.",
    "positives (%1 test images)": "Positive (%1 Testbilder)", "negatives (%1)": "Negative (%1)", "F1, %1": "F1, %1",
    "MCC, %1": "MCC, %1", "test": "Test", "train": "Training", "%1, test": "%1, Test", "MCC grid": "MCC-Raster",
    "exact MCC": "exaktes MCC", "exact F1": "exaktes F1", "current": "aktuell", "per-class P": "P je Klasse",
    "per-class R": "R je Klasse",
    "Thresholds chosen on the training split when the run finished":
        "Schwellenwerte, gewählt auf der Trainingsmenge, als der Lauf endete",
    "The same threshold for every label": "Derselbe Schwellenwert für jedes Label",
    "MCC-grid thresholds": "MCC-Raster-Schwellenwerte", "exact MCC thresholds": "exakte MCC-Schwellenwerte",
    "exact F1 thresholds": "exakte F1-Schwellenwerte", "global threshold": "globaler Schwellenwert",
    "MCC grid (paper)": "MCC-Raster (Paper)",
    "Open a finished run (File > Open run) or train one to tune its thresholds.":
        "Einen fertigen Lauf öffnen (Datei > Lauf öffnen) oder einen trainieren, um seine Schwellenwerte einzustellen.",
    "%1: %2": "%1: %2", "thresholds saved to %1": "Schwellenwerte in %1 gespeichert",
    "cannot save thresholds: %1": "Schwellenwerte können nicht gespeichert werden: %1",
    "thresholds from %1": "Schwellenwerte aus %1", "cannot load thresholds: %1": "Schwellenwerte können nicht geladen werden: %1",
    "optional: timm .safetensors or a .pth state_dict": "optional: timm-.safetensors oder ein .pth-state_dict",
    "default: runs/<dataset>-<loss>-<time>": "Standard: runs/<Datensatz>-<Verlust>-<Zeit>",
    "test loss (the selection split, as in the paper)": "Testverlust (die Auswahlmenge, wie im Paper)",
    "selection-split loss": "Verlust der Auswahlmenge", "F1 (at threshold 0.5)": "F1 (bei Schwellenwert 0,5)",
    "N+ (labels with a true positive)": "N+ (Labels mit einem richtig Positiven)", "Pretrained weights": "Vortrainierte Gewichte",
    "Weights (*.safetensors *.pth *.pt)": "Gewichte (*.safetensors *.pth *.pt)",
    "%1/runs/<dataset>-<loss>-<time>": "%1/runs/<Datensatz>-<Verlust>-<Zeit>", "Run folder to resume": "Fortzusetzender Laufordner",
    "test loss": "Testverlust", "%1 loss": "Verlust %1", "Extracting features: batch %1/%2": "Merkmale extrahieren: Batch %1/%2",
    "unknown error in the training thread": "unbekannter Fehler im Trainings-Thread",
    "Experiment: %1 cells finished, %2 failed, %3 not run.": "Experiment: %1 Zellen fertig, %2 fehlgeschlagen, %3 nicht gelaufen.",
}

FA_MORE = {
    "New run from a published model": "اجرای تازه از یک مدل منتشرشده",
    "The input size the model was trained at (timm's tresnet_m.miil_in21k: 224)":
        "اندازه‌ی ورودی‌ای که مدل با آن آموزش دیده است (tresnet_m.miil_in21k در timm: ۲۲۴)",
    "Browse...": "مرور...", "&Weights (model.safetensors):": "&وزن‌ها (model.safetensors):",
    "Weights": "وزن‌ها", "Weights (*.safetensors *.pth *.pt)": "وزن‌ها (*.safetensors *.pth *.pt)",
    "&Class names (one per line):": "نام &کلاس‌ها (هر خط یکی):", "Class names": "نام کلاس‌ها",
    "Text (*.txt)": "متن (*.txt)", "Run &folder to make:": "&پوشه‌ی اجرا برای ساختن:",
    "&Backbone:": "&ستون فقرات:", "&Input size:": "اندازه‌ی &ورودی:",
    "Export &model (ONNX)...": "برون‌بری &مدل (ONNX)...",
    "New run from a &published model...": "اجرای تازه از یک مدل &منتشرشده...",
    "Export model": "برون‌بری مدل",
    "Open a run first (File > Open run), or train one.": "نخست یک اجرا را باز کنید (پرونده > باز کردن اجرا)، یا یکی را آموزش دهید.",
    "Export the run's model": "برون‌بری مدل اجرا", "ONNX (*.onnx)": "ONNX (*.onnx)",
    "exporting %1 to %2...": "برون‌بری %1 به %2...", "making a run from %1...": "ساختن اجرا از %1...",
    "opened run %1: a tagger without test scores (Annotate and Review use it; Browse and Thresholds need a run trained here)":
        "اجرای %1 باز شد: برچسب‌زنی بدون امتیازهای آزمون (حاشیه‌نویسی و بازبینی از آن استفاده می‌کنند؛ مرور و آستانه‌ها به اجرایی نیاز دارند که همین‌جا آموزش دیده باشد)",
    "Cannot export the model": "برون‌بری مدل ممکن نیست",
    "wrote %1: %2, %3 labels, input 3 x %4 x %4; thresholds: %5":
        "%1 نوشته شد: %2، %3 برچسب، ورودی 3 x %4 x %4؛ آستانه‌ها: %5",
    "Cannot make a run from the model": "ساختن اجرا از این مدل ممکن نیست",
    "made run %1 from %2: %3 labels; thresholds 0.5 until reviewed images calibrate them":
        "اجرای %1 از %2 ساخته شد: %3 برچسب؛ آستانه‌ها ۰٫۵ تا زمانی که تصاویر بازبینی‌شده آن‌ها را تنظیم کنند",
    "skipped file": "پرونده‌ی ردشده", "reason": "دلیل",
    "Files under the dropped folders that were not tagged, and why":
        "پرونده‌هایی در پوشه‌های رهاشده که برچسب نخوردند، و دلیل آن",
    "skipped %1: %2": "رد شد %1: %2",
    "per-image F1 %1": "F1 هر تصویر %1", "threshold of %1": "آستانهٔ %1",
    "per-class P %1  R %2  F1 %3   per-image P %4  R %5  F1 %6   N+ %7   mAP %8":
        "هر کلاس P %1  R %2  F1 %3   هر تصویر P %4  R %5  F1 %6   N+ %7   mAP %8",
    "Export as &PNG...": "صدور به &PNG...", "Export as &SVG...": "صدور به &SVG...", "Export as P&DF...": "صدور به P&DF...",
    "Export the plot": "صدور نمودار",
    "Drop images or folders here, or use File > Open images (Ctrl+O).":
        "تصویرها یا پوشه‌ها را اینجا رها کنید یا از پرونده > باز کردن تصویرها (Ctrl+O) استفاده کنید.",
    "Select an image to see it large.": "تصویری را برگزینید تا بزرگ دیده شود.",
    "Write &XMP sidecars": "نوشتن پرونده‌های &XMP همراه",
    "Write the tags into IMAGE.ext.xmp files (dc:subject, digiKam:TagsList) for photo managers":
        "برچسب‌ها را در پرونده‌های IMAGE.ext.xmp (dc:subject، digiKam:TagsList) برای برنامه‌های مدیریت عکس بنویس",
    "Images to annotate": "تصویرهای برچسب‌زنی",
    "no trained run to annotate with: train one or open a run folder (File > Open run)":
        "اجرای آموزش‌دیده‌ای برای برچسب‌زنی نیست: یکی آموزش دهید یا پوشهٔ اجرایی باز کنید (پرونده > باز کردن اجرا)",
    "Annotating %n image(s)...": ["برچسب‌زنی %n تصویر..."],
    "cannot annotate: %1": "برچسب‌زنی ممکن نیست: %1", "Cannot show %1": "نمایش %1 ممکن نیست",
    "annotated %n image(s)": ["%n تصویر برچسب خورد"],
    "cannot write the sidecar of %1: %2": "نوشتن پروندهٔ همراه %1 ممکن نیست: %2",
    "wrote %n XMP sidecar(s)": ["%n پروندهٔ XMP همراه نوشته شد"],
    "labels per training image": "برچسب در هر تصویر آموزشی",
    "Point at a cell: the two labels and how many training images carry both (the diagonal, a label's own count, is off the colour scale).":
        "روی خانه‌ای اشاره کنید: دو برچسب و شمار تصویرهای آموزشی که هر دو را دارند (قطر، شمار خود برچسب، بیرون "
        "از مقیاس رنگ است).",
    "Re&shuffle": "&بُر زدن دوباره", "Show other training images": "نمایش تصویرهای آموزشی دیگر",
    "Label frequency": "بسامد برچسب", "Labels per image": "برچسب در هر تصویر", "Co-occurrence": "هم‌رخدادی",
    "Gallery": "نگارخانه", "Dataset folder (train.json + test.json + images/)": "پوشهٔ مجموعه‌داده (train.json + test.json + images/)",
    "Cannot use %1: %2": "استفاده از %1 ممکن نیست: %2",
    "<b>%1</b> — %2 training, %3 test images with their files present; %4 labels; %5 labels per training image; normalisation: %6":
        "<b>%1</b> — %2 تصویر آموزشی و %3 تصویر آزمون با پرونده‌های موجود؛ %4 برچسب؛ %5 برچسب در هر تصویر "
        "آموزشی؛ نرمال‌سازی: %6",
    "computed from the training images when training starts": "هنگام شروع آموزش از تصویرهای آموزشی محاسبه می‌شود",
    "No training image was found in %1: put the images there to train.\n":
        "هیچ تصویر آموزشی در %1 یافت نشد: برای آموزش، تصویرها را آنجا بگذارید.\n",
    "dataset %1: %2": "مجموعه‌دادهٔ %1: %2", "images with both labels": "تصویرهای دارای هر دو برچسب",
    "%1: %2 training images": "%1: %2 تصویر آموزشی", "%1 and %2: %3 training images": "%1 و %2: %3 تصویر آموزشی",
    "experiments/<dataset>-<date and time>": "experiments/<مجموعه‌داده>-<تاریخ و زمان>",
    "per-class F1, 95% interval": "F1 هر کلاس، بازهٔ ۹۵٪",
    "Per-class F1 by loss; whiskers: the 95% paired-bootstrap interval over test images":
        "F1 هر کلاس بر پایهٔ تابع زیان؛ خط‌ها: بازهٔ ۹۵٪ بوت‌استرپ جفتی روی تصویرهای آزمون",
    "label frequency (positives among the test images)": "بسامد برچسب (مثبت‌ها در میان تصویرهای آزمون)",
    "The loss plotted against the baseline, label by label": "تابع زیان در برابر پایه، برچسب به برچسب",
    "Export the report table": "صدور جدول گزارش",
    "Markdown (*.md);;CSV (*.csv);;LaTeX (*.tex)": "Markdown (*.md);;CSV (*.csv);;LaTeX (*.tex)",
    "Export the plots (PNG, SVG and PDF)": "صدور نمودارها (PNG، SVG و PDF)", "Report: %1": "گزارش: %1",
    "%1/experiments/<dataset>-<date and time>": "%1/experiments/<مجموعه‌داده>-<تاریخ و زمان>",
    "Load a dataset with its images first (Dataset page)": "نخست مجموعه‌داده‌ای را با تصویرهایش بار کنید (صفحهٔ مجموعه‌داده)",
    "Seeds: '%1' is not an integer": "بذرها: «%1» عدد صحیح نیست", "Cannot start: %1": "شروع ممکن نیست: %1",
    "Experiment folder to resume or open": "پوشهٔ آزمایش برای ادامه یا باز کردن",
    "Cannot open %1: %2": "باز کردن %1 ممکن نیست: %2", "%1: %2 of %3 cells finished.": "%1: %2 از %3 خانه پایان یافت.",
    "Cell %1 of %2: %3 (its live curves are on the Train page).":
        "خانهٔ %1 از %2: %3 (منحنی‌های زنده‌اش در صفحهٔ آموزش است).",
    "%1% (epoch %2/%3)": "%1٪ (دورهٔ %2/%3)",
    "Stopped: %1 Resume continues where it stopped.": "متوقف شد: %1 «ادامه» از همان‌جا پی می‌گیرد.",
    "%1 (published, not ours)": "%1 (منتشرشده، نه از ما)",
    "The paired bootstrap needs the baseline and another loss finished on the same seed.":
        "بوت‌استرپ جفتی به پایه و تابع زیان دیگری نیاز دارد که با همان بذر پایان یافته باشند.",
    "per-label F1, %1": "F1 هر برچسب، %1", "equal F1": "F1 برابر", "support %1": "پشتیبانی %1",
    "support %1-%2": "پشتیبانی %1-%2", "F1 gain, %1 − %2": "بهبود F1، %1 − %2", "labels": "برچسب‌ها",
    "mean per frequency bin": "میانگین هر دستهٔ بسامد", "no gain": "بدون بهبود", "Wrote %1": "%1 نوشته شد",
    "Cannot write %1: %2": "نوشتن %1 ممکن نیست: %2",
    "Wrote the plots as %1-*.png, .svg and .pdf": "نمودارها به صورت %1-*.png، .svg و .pdf نوشته شدند",
    "Could not write every plot under %1": "نوشتن همهٔ نمودارها در %1 ممکن نشد",
    "Preferences": "ترجیحات", "Folder for runs and experiments": "پوشه برای اجراها و آزمایش‌ها",
    "&Data folder (runs/ and experiments/):": "&پوشهٔ داده (runs/ و experiments/):",
    "new runs and experiments go to %1": "اجراها و آزمایش‌های تازه به %1 می‌روند",
    "Ctrl+Shift+O": "Ctrl+Shift+O", "Ctrl+R": "Ctrl+R", "Ctrl+L": "Ctrl+L", "Ctrl+E": "Ctrl+E", "F5": "F5",
    "Shift+F5": "Shift+F5", "CSV (*.csv)": "CSV (*.csv)", "JSON (*.json)": "JSON (*.json)",
    "&Thresholds...": "&آستانه‌ها...", "Export thresholds": "صدور آستانه‌ها",
    "Annotations as a &dataset (JSON)...": "برچسب‌ها به صورت &مجموعه‌داده (JSON)...",
    "Export annotations as a dataset file (images are copied beside it)":
        "صدور برچسب‌ها به صورت پروندهٔ مجموعه‌داده (تصویرها کنار آن رونوشت می‌شوند)",
    "&Preferences...": "&ترجیحات...", "&Compare with a past run...": "&مقایسه با اجرای پیشین...",
    "A run folder whose curves to overlay": "پوشهٔ اجرایی که منحنی‌هایش روی هم نمایش داده شود",
    "Cannot compare": "مقایسه ممکن نیست", "C&lear compared runs": "&پاک کردن اجراهای مقایسه‌شده",
    "opened run %1 (%2 test images, %3 labels)": "اجرای %1 باز شد (%2 تصویر آزمون، %3 برچسب)",
    "<h3>AIA Studio %1</h3><p>Automatic image annotation: TResNet-M, the unsymmetrical loss of Salar &amp; Ahmadi (The Visual Computer, 2023), per-label thresholds by Matthews correlation.</p><p>Built with Qt %2 and LibTorch.</p>":
        "<h3>AIA Studio %1</h3><p>برچسب‌زنی خودکار تصویر: TResNet-M، تابع زیان نامتقارن سالار و احمدی (The "
        "Visual Computer، ۲۰۲۳)، آستانهٔ هر برچسب با همبستگی متیوز.</p><p>ساخته‌شده با Qt %2 و LibTorch.</p>",
    "stopping the training run before quitting; resume it later from its run folder":
        "اجرای آموزش پیش از خروج متوقف می‌شود؛ بعداً از پوشهٔ اجرایش ادامه دهید",
    "P": "P", "R": "R", "F1": "F1", "MCC": "MCC", "TP": "TP", "FP": "FP", "FN": "FN", "N+": "N+", "0.5": "0.5",
    "test score (drag the line to move the threshold)": "امتیاز آزمون (برای جابه‌جایی آستانه خط را بکشید)",
    "share of the class": "سهم از کلاس", "recall": "بازیابی", "precision": "دقت",
    "threshold (drag the line)": "آستانه (خط را بکشید)", "F1, MCC": "F1، MCC",
    "labels, sorted by F1 at their thresholds (click a bar to select its label)":
        "برچسب‌ها، مرتب بر پایهٔ F1 در آستانه‌هایشان (با کلیک روی میله برچسبش برگزیده می‌شود)",
    "test F1": "F1 آزمون", "one threshold for every label": "یک آستانه برای همهٔ برچسب‌ها",
    "Per-label F1": "F1 هر برچسب", "One global threshold": "یک آستانهٔ سراسری",
    "This run kept no training-split scores (runs from before they were kept): the curves show the test split only.":
        "این اجرا امتیازهای بخش آموزش را نگه نداشته است (اجراهای پیش از نگه‌داری آن‌ها): منحنی‌ها فقط بخش آزمون را "
        "نشان می‌دهند.",
    "positives (%1 test images)": "مثبت‌ها (%1 تصویر آزمون)", "negatives (%1)": "منفی‌ها (%1)", "F1, %1": "F1، %1",
    "MCC, %1": "MCC، %1", "test": "آزمون", "train": "آموزش", "%1, test": "%1، آزمون", "MCC grid": "شبکهٔ MCC",
    "exact MCC": "MCC دقیق", "exact F1": "F1 دقیق", "current": "کنونی", "per-class P": "P هر کلاس",
    "per-class R": "R هر کلاس",
    "Thresholds chosen on the training split when the run finished":
        "آستانه‌هایی که هنگام پایان اجرا روی بخش آموزش برگزیده شدند",
    "The same threshold for every label": "همان آستانه برای همهٔ برچسب‌ها",
    "MCC-grid thresholds": "آستانه‌های شبکهٔ MCC", "exact MCC thresholds": "آستانه‌های MCC دقیق",
    "exact F1 thresholds": "آستانه‌های F1 دقیق", "global threshold": "آستانهٔ سراسری",
    "MCC grid (paper)": "شبکهٔ MCC (مقاله)",
    "Open a finished run (File > Open run) or train one to tune its thresholds.":
        "اجرای پایان‌یافته‌ای باز کنید (پرونده > باز کردن اجرا) یا یکی آموزش دهید تا آستانه‌هایش را تنظیم کنید.",
    "%1: %2": "%1: %2", "thresholds saved to %1": "آستانه‌ها در %1 ذخیره شدند",
    "cannot save thresholds: %1": "ذخیرهٔ آستانه‌ها ممکن نیست: %1",
    "thresholds from %1": "آستانه‌ها از %1", "cannot load thresholds: %1": "بار کردن آستانه‌ها ممکن نیست: %1",
    "optional: timm .safetensors or a .pth state_dict": "اختیاری: timm .safetensors یا state_dict با پسوند .pth",
    "default: runs/<dataset>-<loss>-<time>": "پیش‌فرض: runs/<مجموعه‌داده>-<زیان>-<زمان>",
    "test loss (the selection split, as in the paper)": "زیان آزمون (بخش گزینش، مانند مقاله)",
    "selection-split loss": "زیان بخش گزینش", "F1 (at threshold 0.5)": "F1 (در آستانهٔ 0.5)",
    "N+ (labels with a true positive)": "N+ (برچسب‌های دارای مثبت درست)", "Pretrained weights": "وزن‌های ازپیش‌آموخته",
    "Weights (*.safetensors *.pth *.pt)": "وزن‌ها (*.safetensors *.pth *.pt)",
    "%1/runs/<dataset>-<loss>-<time>": "%1/runs/<مجموعه‌داده>-<زیان>-<زمان>", "Run folder to resume": "پوشهٔ اجرا برای ادامه",
    "test loss": "زیان آزمون", "%1 loss": "زیان %1", "Extracting features: batch %1/%2": "استخراج ویژگی‌ها: دستهٔ %1/%2",
    "unknown error in the training thread": "خطای ناشناخته در رشتهٔ آموزش",
    "Experiment: %1 cells finished, %2 failed, %3 not run.": "آزمایش: %1 خانه پایان یافت، %2 ناموفق، %3 اجرا نشد.",
    # already German, still English in Persian
    "edit tags": "ویرایش برچسب‌ها", "tags (editable, separated by ;)": "برچسب‌ها (ویرایش‌پذیر، جداشده با ;)",
    "by file name": "بر پایهٔ نام پرونده", "by per-image F1, worst first": "بر پایهٔ F1 هر تصویر، بدترین نخست",
    "by per-image F1, best first": "بر پایهٔ F1 هر تصویر، بهترین نخست",
    "Demo (Fashion-MNIST mosaics)": "نمایشی (موزاییک‌های Fashion-MNIST)", "labels, most frequent first": "برچسب‌ها، پرتکرارترین نخست",
    "Loading %1...": "بار کردن %1...", "Export predictions": "صدور پیش‌بینی‌ها", "Export per-label metrics": "صدور سنجه‌های هر برچسب",
    "Export annotations": "صدور برچسب‌ها", "wrote %1": "%1 نوشته شد", "nothing to export yet": "هنوز چیزی برای صدور نیست",
    "Open a training run folder": "باز کردن پوشهٔ یک اجرای آموزش",
    "Select a label to move its threshold.": "برچسبی برگزینید تا آستانه‌اش را جابه‌جا کنید.",
    "MCC &grid (paper)": "&شبکهٔ MCC (مقاله)", "Set all &to": "همه را &برابر", "Test split, current thresholds: %1": "بخش آزمون، آستانه‌های کنونی: %1",
    "fine-tune the whole network": "تنظیم دقیق کل شبکه",
    "frozen backbone (train the head on cached features)": "ستون فقرات منجمد (آموزش سر روی ویژگی‌های ذخیره‌شده)",
    "EMA of the weights": "EMA وزن‌ها", "Pick a dataset on the Dataset page.": "در صفحهٔ مجموعه‌داده، مجموعه‌داده‌ای برگزینید.",
    "train loss (smoothed, per batch)": "زیان آموزش (هموار، هر دسته)", "Ready to train on %1.": "آمادهٔ آموزش روی %1.",
    "Pick a dataset with images on the Dataset page.": "در صفحهٔ مجموعه‌داده، مجموعه‌داده‌ای با تصویر برگزینید.",
    "Epoch %1/%2, batch %3/%4 — loss %5 — %6 images/s — ETA %7": "دورهٔ %1/%2، دستهٔ %3/%4 — زیان %5 — %6 تصویر/ثانیه — زمان باقی‌مانده %7",
}

# Browse: preview and heatmaps
DE_MORE.update({
    "Select an image.": "Ein Bild auswählen.",
    "Where in the image the model sees this tag (class activation map)":
        "Wo im Bild das Modell dieses Tag sieht (Class Activation Map)",
    "Heatmap opacity": "Deckkraft der Heatmap",
    "Heatmap colours: the sigmoid of the local logit, on one scale for every tag and image.":
        "Heatmap-Farben: das Sigmoid des lokalen Logits, auf einer Skala für jedes Tag und jedes Bild.",
    "&Heatmap:": "&Heatmap:", "Opacity:": "Deckkraft:", "no heatmap": "keine Heatmap", "CAM": "CAM",
    "Grad-CAM": "Grad-CAM",
    "CAM is exact for this network (a map's mean is the tag's logit); Grad-CAM is the same map with its negative evidence clipped":
        "CAM ist für dieses Netz exakt (der Mittelwert einer Karte ist der Logit des Tags); Grad-CAM ist dieselbe "
        "Karte mit abgeschnittener negativer Evidenz",
})
FA_MORE.update({
    "Select an image.": "تصویری برگزینید.",
    "Where in the image the model sees this tag (class activation map)":
        "مدل این برچسب را کجای تصویر می‌بیند (نقشهٔ فعال‌سازی کلاس)",
    "Heatmap opacity": "کدری نقشهٔ حرارتی",
    "Heatmap colours: the sigmoid of the local logit, on one scale for every tag and image.":
        "رنگ‌های نقشهٔ حرارتی: سیگموید لاجیت محلی، با یک مقیاس برای همهٔ برچسب‌ها و تصویرها.",
    "&Heatmap:": "&نقشهٔ حرارتی:", "Opacity:": "کدری:", "no heatmap": "بدون نقشهٔ حرارتی", "CAM": "CAM",
    "Grad-CAM": "Grad-CAM",
    "CAM is exact for this network (a map's mean is the tag's logit); Grad-CAM is the same map with its negative evidence clipped":
        "CAM برای این شبکه دقیق است (میانگین نقشه همان لاجیت برچسب است)؛ Grad-CAM همان نقشه با شواهد منفیِ بریده‌شده است",
})

# Review: annotation projects
DE_MORE.update({
    "margin to the nearest threshold: %1": "Abstand zur nächsten Schwelle: %1",
    "  (imported)": "  (importiert)", "  (added)": "  (hinzugefügt)", "  (kept)": "  (behalten)", "Re&view": "&Prüfen",
    "a training run is in progress already": "es läuft bereits ein Training",
    "&New project...": "&Neues Projekt...", "&Open project...": "Projekt ö&ffnen...",
    "No project. Make one from a folder of images, or open one.":
        "Kein Projekt. Legen Sie eines aus einem Bildordner an oder öffnen Sie eines.",
    "Most uncertain first": "Unsicherste zuerst", "File order": "Dateireihenfolge", "Random order": "Zufällig",
    "Most uncertain first: images whose closest label score is nearest that label's MCC threshold":
        "Unsicherste zuerst: Bilder, deren knappster Label-Score am nächsten an der MCC-Schwelle dieses Labels liegt",
    "All images": "Alle Bilder", "Likely label errors": "Wahrscheinliche Labelfehler",
    "Reviewed images with a tag the model, scored out of fold, strongly disagrees with":
        "Geprüfte Bilder mit einem Tag, dem das Modell (out of fold bewertet) deutlich widerspricht",
    "&Score": "&Bewerten",
    "Score the unreviewed images with the project's run (or the open run)":
        "Die ungeprüften Bilder mit dem Lauf des Projekts (oder dem geöffneten Lauf) bewerten",
    "&Train on reviewed images": "Auf geprüften Bildern &trainieren",
    "Fine-tune the project's run on the reviewed images (new tags grow the head); the unreviewed images are scored again with the new run":
        "Den Lauf des Projekts auf den geprüften Bildern feinabstimmen (neue Tags erweitern den Kopf); die ungeprüften "
        "Bilder werden mit dem neuen Lauf neu bewertet",
    "E&xport": "E&xportieren", "As a &dataset (JSON layout)...": "Als &Datensatz (JSON-Layout)...",
    "Folder for the dataset": "Ordner für den Datensatz", "As an annotations &CSV...": "Als Annotations-&CSV...",
    "Annotations CSV": "Annotations-CSV", "Into &XMP sidecars": "In &XMP-Sidecars", "Order:": "Reihenfolge:",
    "Show:": "Zeigen:", "Cancel": "Abbrechen",
    "Type to add a tag (completion from the vocabulary); Enter adds it":
        "Tippen fügt ein Tag hinzu (Vervollständigung aus dem Vokabular); Enter übernimmt es",
    "Accept and next (Enter)": "Annehmen und weiter (Enter)", "Skip": "Überspringen", "Previous": "Zurück",
    "Next": "Weiter",
    "Keys: 1-9 toggle a tag, Enter accepts and moves on, arrows move, typing adds a tag, Ctrl+Z undoes.":
        "Tasten: 1-9 schalten ein Tag um, Enter nimmt an und geht weiter, Pfeile bewegen, Tippen fügt ein Tag "
        "hinzu, Strg+Z macht rückgängig.",
    "project %1: %2 images; tags from XMP: %3": "Projekt %1: %2 Bilder; Tags aus XMP: %3",
    "Cannot make the project": "Das Projekt kann nicht angelegt werden",
    "project %1 opened: %2 images%3": "Projekt %1 geöffnet: %2 Bilder%3", "Read-only": "Schreibgeschützt",
    "Cannot open the project": "Das Projekt kann nicht geöffnet werden",
    "Folder of images to annotate": "Ordner mit zu annotierenden Bildern",
    "Folder for the project file (an empty folder; default: %1)":
        "Ordner für die Projektdatei (ein leerer Ordner; Standard: %1)",
    "Annotation project folder": "Ordner des Annotationsprojekts", "No images to show.": "Keine Bilder anzuzeigen.",
    "Loading...": "Wird geladen...", "This file cannot be decoded as an image.":
        "Diese Datei lässt sich nicht als Bild dekodieren.",
    "The image is no longer there; the next scan marks it missing.":
        "Das Bild ist nicht mehr da; der nächste Scan markiert es als fehlend.",
    "A tag of this image; click or press its number to reject it":
        "Ein Tag dieses Bildes; klicken oder seine Nummer drücken, um es abzulehnen",
    "Not a tag of this image; click or press its number to accept it":
        "Kein Tag dieses Bildes; klicken oder seine Nummer drücken, um es anzunehmen",
    "Likely label error: kept, but the model scores it %1 (threshold %2)":
        "Wahrscheinlicher Labelfehler: behalten, aber das Modell bewertet es mit %1 (Schwelle %2)",
    "Likely label error: left out, but the model scores it %1 (threshold %2)":
        "Wahrscheinlicher Labelfehler: weggelassen, aber das Modell bewertet es mit %1 (Schwelle %2)",
    "%1 of %2 reviewed": "%1 von %2 geprüft", ", %1 skipped": ", %1 übersprungen",
    " · %1 s per image": " · %1 s pro Bild", " · %1 not scored": " · %1 nicht bewertet",
    " · %1 missing": " · %1 fehlen", " · %1 likely label errors": " · %1 wahrscheinliche Labelfehler",
    "The edit was not saved": "Die Änderung wurde nicht gespeichert", "reject %1": "%1 ablehnen",
    "accept %1": "%1 annehmen", "add %1": "%1 hinzufügen", "skip": "überspringen",
    "No run to score with": "Kein Lauf zum Bewerten",
    "Open a trained run first (File > Open run), or train one.":
        "Öffnen Sie zuerst einen trainierten Lauf (Datei > Lauf öffnen) oder trainieren Sie einen.",
    "images on disk: %1": "Bilder auf der Platte: %1", "Cannot score": "Bewerten nicht möglich",
    "every image is scored": "jedes Bild ist bewertet", "scoring": "Bewertung", "Scoring failed": "Bewertung fehlgeschlagen",
    "scoring cancelled; nothing was changed": "Bewertung abgebrochen; nichts wurde geändert",
    "skipped %1": "übersprungen: %1", "scored %1 images with %2": "%1 Bilder mit %2 bewertet",
    "Cannot store the scores": "Die Scores können nicht gespeichert werden",
    "Cannot train yet": "Training noch nicht möglich",
    "training on the reviewed images: %1": "Training auf den geprüften Bildern: %1", "training": "Training",
    "training on the reviewed images did not finish: %1": "das Training auf den geprüften Bildern endete nicht: %1",
    "Cannot record the new run": "Der neue Lauf kann nicht eingetragen werden",
    "new run %1; scoring the unreviewed images again": "neuer Lauf %1; die ungeprüften Bilder werden neu bewertet",
    "exported %1 reviewed images as a dataset in %2": "%1 geprüfte Bilder als Datensatz nach %2 exportiert",
    "Export failed": "Export fehlgeschlagen", "exported %1 reviewed images to %2": "%1 geprüfte Bilder nach %2 exportiert",
    "wrote the XMP sidecars of %1 reviewed images": "XMP-Sidecars von %1 geprüften Bildern geschrieben",
    "with the run's training set": "mit der Trainingsmenge des Laufs",
    "Also train on the images the project's first run was trained on, and test on its test split (slower; keeps what it knew). Otherwise 20% of the reviewed images are held out as the test split.":
        "Auch auf den Bildern trainieren, mit denen der erste Lauf des Projekts trainiert wurde, und auf dessen "
        "Testmenge testen (langsamer; behält, was er wusste). Sonst werden 20 % der geprüften Bilder als Testmenge "
        "zurückgehalten.",
    " epochs": " Epochen", "Epochs of fine-tuning": "Epochen der Feinabstimmung",
    "&Review as a project...": "Als Projekt &prüfen...", "Skip (Shift+Enter)": "Überspringen (Umschalt+Enter)",
    "Keys: 1-9 toggle a tag, Enter accepts and moves on, Shift+Enter skips, arrows move, typing adds a tag, Ctrl+Z undoes.":
        "Tasten: 1-9 schalten ein Tag um, Enter nimmt an und geht weiter, Umschalt+Enter überspringt, Pfeile bewegen, "
        "Tippen fügt ein Tag hinzu, Strg+Z macht rückgängig.",
    "Make an annotation project of these images' folders: every edit saved as you go, the most uncertain images first, and training on your corrections (Review page)":
        "Ein Annotationsprojekt aus den Ordnern dieser Bilder anlegen: jede Änderung sofort gespeichert, die "
        "unsichersten Bilder zuerst und Training auf Ihren Korrekturen (Seite Prüfen)",
})
FA_MORE.update({
    "margin to the nearest threshold: %1": "فاصله تا نزدیک‌ترین آستانه: %1",
    "  (imported)": "  (واردشده)", "  (added)": "  (افزوده)", "  (kept)": "  (نگه‌داشته)", "Re&view": "&بازبینی",
    "a training run is in progress already": "یک آموزش از پیش در جریان است",
    "&New project...": "پروژهٔ &تازه...", "&Open project...": "&گشودن پروژه...",
    "No project. Make one from a folder of images, or open one.":
        "پروژه‌ای نیست. از پوشه‌ای از تصویرها یکی بسازید یا یکی را بگشایید.",
    "Most uncertain first": "نامطمئن‌ترین‌ها نخست", "File order": "ترتیب پرونده‌ها", "Random order": "ترتیب تصادفی",
    "Most uncertain first: images whose closest label score is nearest that label's MCC threshold":
        "نامطمئن‌ترین‌ها نخست: تصویرهایی که امتیاز یکی از برچسب‌هایشان به آستانهٔ MCC همان برچسب نزدیک‌تر است",
    "All images": "همهٔ تصویرها", "Likely label errors": "خطاهای احتمالی برچسب",
    "Reviewed images with a tag the model, scored out of fold, strongly disagrees with":
        "تصویرهای بازبینی‌شده با برچسبی که مدل (با امتیاز خارج از fold) سخت با آن مخالف است",
    "&Score": "&امتیازدهی",
    "Score the unreviewed images with the project's run (or the open run)":
        "امتیازدهی تصویرهای بازبینی‌نشده با اجرای پروژه (یا اجرای باز)",
    "&Train on reviewed images": "&آموزش روی تصویرهای بازبینی‌شده",
    "Fine-tune the project's run on the reviewed images (new tags grow the head); the unreviewed images are scored again with the new run":
        "تنظیم دقیق اجرای پروژه روی تصویرهای بازبینی‌شده (برچسب‌های تازه سر را بزرگ می‌کنند)؛ تصویرهای "
        "بازبینی‌نشده با اجرای تازه دوباره امتیاز می‌گیرند",
    "E&xport": "&برون‌بری", "As a &dataset (JSON layout)...": "به‌صورت &مجموعه‌داده (چیدمان JSON)...",
    "Folder for the dataset": "پوشه برای مجموعه‌داده", "As an annotations &CSV...": "به‌صورت &CSV حاشیه‌نویسی...",
    "Annotations CSV": "CSV حاشیه‌نویسی", "Into &XMP sidecars": "در پرونده‌های &XMP همراه", "Order:": "ترتیب:",
    "Show:": "نمایش:", "Cancel": "لغو",
    "Type to add a tag (completion from the vocabulary); Enter adds it":
        "برای افزودن برچسب بنویسید (تکمیل از واژگان)؛ Enter آن را می‌افزاید",
    "Accept and next (Enter)": "پذیرش و بعدی (Enter)", "Skip": "رد شدن", "Previous": "قبلی", "Next": "بعدی",
    "Keys: 1-9 toggle a tag, Enter accepts and moves on, arrows move, typing adds a tag, Ctrl+Z undoes.":
        "کلیدها: ۱ تا ۹ برچسب را روشن و خاموش می‌کنند، Enter می‌پذیرد و جلو می‌رود، پیکان‌ها جابه‌جا می‌کنند، "
        "نوشتن برچسب می‌افزاید، Ctrl+Z واگرد می‌کند.",
    "project %1: %2 images; tags from XMP: %3": "پروژهٔ %1: %2 تصویر؛ برچسب‌ها از XMP: %3",
    "Cannot make the project": "پروژه ساخته نمی‌شود",
    "project %1 opened: %2 images%3": "پروژهٔ %1 گشوده شد: %2 تصویر%3", "Read-only": "فقط‌خواندنی",
    "Cannot open the project": "پروژه گشوده نمی‌شود",
    "Folder of images to annotate": "پوشهٔ تصویرها برای حاشیه‌نویسی",
    "Folder for the project file (an empty folder; default: %1)":
        "پوشه برای پروندهٔ پروژه (پوشه‌ای خالی؛ پیش‌فرض: %1)",
    "Annotation project folder": "پوشهٔ پروژهٔ حاشیه‌نویسی", "No images to show.": "تصویری برای نمایش نیست.",
    "Loading...": "در حال بارگیری...", "This file cannot be decoded as an image.":
        "این پرونده به‌صورت تصویر گشوده نمی‌شود.",
    "The image is no longer there; the next scan marks it missing.":
        "این تصویر دیگر آنجا نیست؛ پویش بعدی آن را گم‌شده نشان می‌دهد.",
    "A tag of this image; click or press its number to reject it":
        "برچسبی از این تصویر؛ برای رد آن کلیک کنید یا شماره‌اش را بزنید",
    "Not a tag of this image; click or press its number to accept it":
        "برچسب این تصویر نیست؛ برای پذیرش آن کلیک کنید یا شماره‌اش را بزنید",
    "Likely label error: kept, but the model scores it %1 (threshold %2)":
        "خطای احتمالی برچسب: نگه داشته شده، ولی امتیاز مدل %1 است (آستانه %2)",
    "Likely label error: left out, but the model scores it %1 (threshold %2)":
        "خطای احتمالی برچسب: کنار گذاشته شده، ولی امتیاز مدل %1 است (آستانه %2)",
    "%1 of %2 reviewed": "%1 از %2 بازبینی شده", ", %1 skipped": "، %1 رد شده",
    " · %1 s per image": " · %1 ثانیه برای هر تصویر", " · %1 not scored": " · %1 بی‌امتیاز",
    " · %1 missing": " · %1 گم‌شده", " · %1 likely label errors": " · %1 خطای احتمالی برچسب",
    "The edit was not saved": "ویرایش ذخیره نشد", "reject %1": "رد %1", "accept %1": "پذیرش %1",
    "add %1": "افزودن %1", "skip": "رد شدن", "No run to score with": "اجرایی برای امتیازدهی نیست",
    "Open a trained run first (File > Open run), or train one.":
        "نخست اجرای آموزش‌دیده‌ای را بگشایید (پرونده > گشودن اجرا) یا یکی آموزش دهید.",
    "images on disk: %1": "تصویرهای روی دیسک: %1", "Cannot score": "امتیازدهی ممکن نیست",
    "every image is scored": "همهٔ تصویرها امتیاز دارند", "scoring": "امتیازدهی", "Scoring failed": "امتیازدهی شکست خورد",
    "scoring cancelled; nothing was changed": "امتیازدهی لغو شد؛ چیزی تغییر نکرد",
    "skipped %1": "رد شد: %1", "scored %1 images with %2": "%1 تصویر با %2 امتیاز گرفت",
    "Cannot store the scores": "امتیازها ذخیره نمی‌شوند", "Cannot train yet": "هنوز آموزش ممکن نیست",
    "training on the reviewed images: %1": "آموزش روی تصویرهای بازبینی‌شده: %1", "training": "آموزش",
    "training on the reviewed images did not finish: %1": "آموزش روی تصویرهای بازبینی‌شده تمام نشد: %1",
    "Cannot record the new run": "اجرای تازه ثبت نمی‌شود",
    "new run %1; scoring the unreviewed images again": "اجرای تازهٔ %1؛ تصویرهای بازبینی‌نشده دوباره امتیاز می‌گیرند",
    "exported %1 reviewed images as a dataset in %2": "%1 تصویر بازبینی‌شده به‌صورت مجموعه‌داده در %2 برون‌بری شد",
    "Export failed": "برون‌بری شکست خورد", "exported %1 reviewed images to %2": "%1 تصویر بازبینی‌شده به %2 برون‌بری شد",
    "wrote the XMP sidecars of %1 reviewed images": "پرونده‌های XMP همراهِ %1 تصویر بازبینی‌شده نوشته شد",
    "with the run's training set": "همراه با دادهٔ آموزشی اجرا",
    "Also train on the images the project's first run was trained on, and test on its test split (slower; keeps what it knew). Otherwise 20% of the reviewed images are held out as the test split.":
        "روی تصویرهایی هم که نخستین اجرای پروژه با آن‌ها آموزش دید آموزش بده و روی بخش آزمون آن بسنج (کندتر؛ "
        "آنچه می‌دانست می‌ماند). وگرنه ۲۰٪ تصویرهای بازبینی‌شده برای آزمون کنار گذاشته می‌شوند.",
    " epochs": " دوره", "Epochs of fine-tuning": "دوره‌های تنظیم دقیق",
    "&Review as a project...": "&بازبینی به‌صورت پروژه...", "Skip (Shift+Enter)": "رد شدن (Shift+Enter)",
    "Keys: 1-9 toggle a tag, Enter accepts and moves on, Shift+Enter skips, arrows move, typing adds a tag, Ctrl+Z undoes.":
        "کلیدها: ۱ تا ۹ برچسب را روشن و خاموش می‌کنند، Enter می‌پذیرد و جلو می‌رود، Shift+Enter رد می‌شود، "
        "پیکان‌ها جابه‌جا می‌کنند، نوشتن برچسب می‌افزاید، Ctrl+Z واگرد می‌کند.",
    "Make an annotation project of these images' folders: every edit saved as you go, the most uncertain images first, and training on your corrections (Review page)":
        "از پوشه‌های این تصویرها پروژهٔ حاشیه‌نویسی بساز: هر ویرایش همان دم ذخیره می‌شود، نامطمئن‌ترین تصویرها "
        "نخست، و آموزش روی اصلاح‌های شما (صفحهٔ بازبینی)",
})

# The Train page's loaded configuration and the thresholds file filter.
DE_MORE.update({
    "&Load configuration...": "Konfiguration &laden...",
    "Start from a run's config.json: what you change in the form changes only that field":
        "Von der config.json eines Laufs ausgehen: was Sie im Formular ändern, ändert nur dieses Feld",
    "Cannot load the configuration: %1": "Die Konfiguration kann nicht geladen werden: %1",
    "Configuration %1 loaded (dataset %2).": "Konfiguration %1 geladen (Datensatz %2).",
    "Load configuration": "Konfiguration laden", "Configuration (*.json)": "Konfiguration (*.json)",
    "Thresholds (*.json *.csv);;All files (*)": "Schwellenwerte (*.json *.csv);;Alle Dateien (*)",
})
FA_MORE.update({
    "&Load configuration...": "&بارگیری پیکربندی...",
    "Start from a run's config.json: what you change in the form changes only that field":
        "از config.json یک اجرا آغاز کن: هر چه در فرم تغییر دهید فقط همان فیلد را تغییر می‌دهد",
    "Cannot load the configuration: %1": "پیکربندی بارگیری نمی‌شود: %1",
    "Configuration %1 loaded (dataset %2).": "پیکربندی %1 بارگیری شد (مجموعه‌داده %2).",
    "Load configuration": "بارگیری پیکربندی", "Configuration (*.json)": "پیکربندی (*.json)",
    "Thresholds (*.json *.csv);;All files (*)": "آستانه‌ها (*.json *.csv);;همهٔ پرونده‌ها (*)",
})

# Certified auto-accept and the one-dialog New project on the Review page.
DE_MORE.update({
    "  (auto-accepted)": "  (automatisch übernommen)",
    "The precision to certify for auto-accepted tags": "Die Präzision, die für automatisch übernommene Schlagwörter zertifiziert wird",
    "Auto-&accept": "&Automatisch übernehmen",
    "Accept tags whose precision is certified on your reviewed images (risk 0.1), hide tags certified absent; images with every label decided leave the queue. Nothing is marked reviewed; undo takes it back.":
        "Schlagwörter übernehmen, deren Präzision auf Ihren geprüften Bildern zertifiziert ist (Risiko 0,1), als "
        "abwesend zertifizierte ausblenden; Bilder, deren Labels alle entschieden sind, verlassen die Warteschlange. "
        "Nichts wird als geprüft markiert; Rückgängig nimmt es zurück.",
    "&Project folder:": "&Projektordner:",
    " · %1 tags auto-accepted at ≥ %2% precision (delta %3) · %4 images still need you":
        " · %1 Schlagwörter automatisch übernommen bei ≥ %2 % Präzision (Delta %3) · %4 Bilder brauchen Sie noch",
    "New annotation project": "Neues Annotationsprojekt", "&Images:": "&Bilder:",
    "Cannot auto-accept": "Automatisches Übernehmen nicht möglich",
    "Labels that abstain:\n%1": "Labels, die sich enthalten:\n%1", "abstains: %1": "enthält sich: %1",
    "auto-accept": "automatisch übernehmen",
})
FA_MORE.update({
    "  (auto-accepted)": "  (پذیرش خودکار)",
    "The precision to certify for auto-accepted tags": "دقتی که برای برچسب‌های پذیرفته‌شدهٔ خودکار تضمین می‌شود",
    "Auto-&accept": "&پذیرش خودکار",
    "Accept tags whose precision is certified on your reviewed images (risk 0.1), hide tags certified absent; images with every label decided leave the queue. Nothing is marked reviewed; undo takes it back.":
        "برچسب‌هایی را بپذیر که دقتشان روی تصویرهای بازبینی‌شدهٔ شما تضمین شده است (ریسک ۰٫۱)، برچسب‌هایی را که "
        "نبودنشان تضمین شده پنهان کن؛ تصویرهایی که همهٔ برچسب‌هایشان تعیین شده از صف بیرون می‌روند. چیزی "
        "بازبینی‌شده علامت نمی‌خورد؛ واگرد آن را برمی‌گرداند.",
    "&Project folder:": "پوشهٔ &پروژه:",
    " · %1 tags auto-accepted at ≥ %2% precision (delta %3) · %4 images still need you":
        " · %1 برچسب با دقت ≥ %2٪ (دلتا %3) خودکار پذیرفته شد · %4 تصویر هنوز به شما نیاز دارد",
    "New annotation project": "پروژهٔ حاشیه‌نویسی تازه", "&Images:": "&تصویرها:",
    "Cannot auto-accept": "پذیرش خودکار ممکن نیست",
    "Labels that abstain:\n%1": "برچسب‌هایی که رأی نمی‌دهند:\n%1", "abstains: %1": "رأی نمی‌دهد: %1",
    "auto-accept": "پذیرش خودکار",
})

# Certified thresholds on the Thresholds page; exports that mark auto-accepted tags.
DE_MORE.update({
    " (%1 of them decided by certified thresholds, not reviewed; %2 auto-accepted tags marked)":
        " (%1 davon durch zertifizierte Schwellenwerte entschieden, nicht geprüft; %2 automatisch übernommene Schlagwörter markiert)",
    "%1: %2": "%1: %2",
    "Pre&cision ≥": "Prä&zision ≥",
    "The precision to certify": "Die zu zertifizierende Präzision",
    "The risk that a certified label's precision on new images is below the target":
        "Das Risiko, dass die Präzision eines zertifizierten Labels auf neuen Bildern unter dem Ziel liegt",
    "δ ": "δ ",
    "certified ≥ %1 at threshold %2 (δ %3)": "zertifiziert ≥ %1 bei Schwellenwert %2 (δ %3)",
    "exported %1 images as a dataset in %2": "%1 Bilder als Datensatz nach %2 exportiert",
    "exported %1 images to %2": "%1 Bilder nach %2 exportiert",
    "never tagged": "nie vergeben",
    "none (abstained: %1)": "keiner (enthalten: %1)",
    "none (moved from the certified %1)": "keiner (vom zertifizierten %1 verschoben)",
    "none (never tagged)": "keiner (nie vergeben)",
    "precision ≥ %1 (δ %2)": "Präzision ≥ %1 (δ %2)",
    "precision ≥ %1, δ %2: certified on %3 images, measured on the other %4":
        "Präzision ≥ %1, δ %2: zertifiziert auf %3 Bildern, gemessen auf den anderen %4",
    "target %1: abstains (%2)": "Ziel %1: enthält sich (%2)",
    "target precision %1": "Zielpräzision %1",
    "thresholds certified at precision ≥ %1 (δ %2)": "Schwellenwerte zertifiziert bei Präzision ≥ %1 (δ %2)",
    "wrote the XMP sidecars of %1 images": "XMP-Begleitdateien von %1 Bildern geschrieben",
    "certified": "zertifiziert",
    "Per label, the lowest threshold certified to keep this precision on new images like the test split's, with probability 1 - δ; a label that cannot be certified is never tagged":
        "Je Label der niedrigste Schwellenwert, der diese Präzision auf neuen Bildern wie denen der Testmenge mit "
        "Wahrscheinlichkeit 1 - δ einhält; ein Label, das nicht zertifiziert werden kann, wird nie vergeben",
    "%1 of %2 labels certified at precision ≥ %3 with risk δ %4 on the run's %5 test images; the others abstain (never tagged). The numbers on this page are on those same images, so they do not check the promise: the strategies table's certified row does.":
        "%1 von %2 Labels zertifiziert bei Präzision ≥ %3 mit Risiko δ %4 auf den %5 Testbildern des Laufs; die "
        "anderen enthalten sich (nie vergeben). Die Zahlen dieser Seite stammen von denselben Bildern und prüfen das "
        "Versprechen daher nicht: die zertifizierte Zeile der Strategietabelle tut es.",
})
FA_MORE.update({
    " (%1 of them decided by certified thresholds, not reviewed; %2 auto-accepted tags marked)":
        " (%1 از آن‌ها را آستانه‌های تضمین‌شده تعیین کردند، بازبینی نشده؛ %2 برچسب پذیرفته‌شدهٔ خودکار علامت خورد)",
    "%1: %2": "%1: %2",
    "Pre&cision ≥": "&دقت ≥",
    "The precision to certify": "دقتی که باید تضمین شود",
    "The risk that a certified label's precision on new images is below the target":
        "ریسک آن‌که دقت یک برچسب تضمین‌شده روی تصویرهای تازه کمتر از هدف باشد",
    "δ ": "δ ",
    "certified ≥ %1 at threshold %2 (δ %3)": "تضمین‌شده ≥ %1 در آستانهٔ %2 (δ %3)",
    "exported %1 images as a dataset in %2": "%1 تصویر به صورت مجموعه‌داده در %2 صادر شد",
    "exported %1 images to %2": "%1 تصویر به %2 صادر شد",
    "never tagged": "هرگز برچسب نمی‌خورد",
    "none (abstained: %1)": "هیچ (رأی نداد: %1)",
    "none (moved from the certified %1)": "هیچ (از مقدار تضمین‌شدهٔ %1 جابه‌جا شد)",
    "none (never tagged)": "هیچ (هرگز برچسب نمی‌خورد)",
    "precision ≥ %1 (δ %2)": "دقت ≥ %1 (δ %2)",
    "precision ≥ %1, δ %2: certified on %3 images, measured on the other %4":
        "دقت ≥ %1، δ %2: تضمین‌شده روی %3 تصویر، سنجیده روی %4 تصویر دیگر",
    "target %1: abstains (%2)": "هدف %1: رأی نمی‌دهد (%2)",
    "target precision %1": "دقت هدف %1",
    "thresholds certified at precision ≥ %1 (δ %2)": "آستانه‌ها با دقت ≥ %1 تضمین شدند (δ %2)",
    "wrote the XMP sidecars of %1 images": "پرونده‌های همراه XMP برای %1 تصویر نوشته شد",
    "certified": "تضمین‌شده",
    "Per label, the lowest threshold certified to keep this precision on new images like the test split's, with probability 1 - δ; a label that cannot be certified is never tagged":
        "برای هر برچسب، پایین‌ترین آستانه‌ای که تضمین شده این دقت را روی تصویرهای تازهٔ همانند بخش آزمون با "
        "احتمال ۱ - δ نگه دارد؛ برچسبی که تضمین نشود هرگز زده نمی‌شود",
    "%1 of %2 labels certified at precision ≥ %3 with risk δ %4 on the run's %5 test images; the others abstain (never tagged). The numbers on this page are on those same images, so they do not check the promise: the strategies table's certified row does.":
        "%1 از %2 برچسب با دقت ≥ %3 و ریسک δ %4 روی %5 تصویر آزمون اجرا تضمین شد؛ بقیه رأی نمی‌دهند (هرگز زده "
        "نمی‌شوند). عددهای این صفحه روی همین تصویرها هستند و وعده را نمی‌سنجند: سطر تضمین‌شدهٔ جدول راهبردها می‌سنجد.",
})

DE_MORE.update({
    "CAM": "CAM", "Grad-CAM": "Grad-CAM", "Attention": "Attention",
    "Attention map of the attention head. Colours: the tag's attention against an even spread, on a log scale (none: even or less; full: all of it on one spot), the same for every tag and image.":
        "Attention-Karte des Attention-Kopfs. Farben: die Aufmerksamkeit des Schlagworts gegenüber einer "
        "gleichmäßigen Verteilung, logarithmisch (keine: gleichmäßig oder weniger; voll: alles auf einer Stelle), "
        "für jedes Schlagwort und Bild gleich.",
    "Class activation map. Colours: the sigmoid of the local logit, on one scale for every tag and image.":
        "Class Activation Map. Farben: das Sigmoid des lokalen Logits, auf einer Skala für jedes Schlagwort und Bild.",
    "Show where in the image the model sees the chosen tag":
        "Zeigen, wo im Bild das Modell das gewählte Schlagwort sieht",
    "&Heatmap:": "&Heatmap:", "no heatmap": "keine Heatmap", "no heatmap: %1": "keine Heatmap: %1",
    "This run's attention head draws its own attention, averaged over its heads; the CAM identity of the gap head does not hold for it":
        "Der Attention-Kopf dieses Laufs zeichnet seine eigene Aufmerksamkeit, gemittelt über seine Köpfe; die "
        "CAM-Identität des GAP-Kopfs gilt für ihn nicht",
    "Where in the image this tag's query attends (the attention head's weights)":
        "Worauf im Bild die Abfrage dieses Schlagworts achtet (die Gewichte des Attention-Kopfs)",
    "Evaluate and keep an exponential moving average of the weights (decay: the head's recipe, 0.9997 for average pooling, 0.99 for attention pooling)":
        "Einen exponentiellen gleitenden Mittelwert der Gewichte bewerten und behalten (Abklingrate: das Rezept des "
        "Kopfs, 0,9997 für Average Pooling, 0,99 für Attention Pooling)",
    "Mix&up (the follow-up's)": "Mix&up (aus der Folgearbeit)",
    "Average the first half of every batch with the second half, with the union of their tags":
        "Die erste Hälfte jedes Batches mit der zweiten mitteln, mit der Vereinigung ihrer Schlagwörter",
    "&Head:": "&Kopf:", "average pooling (2023 paper)": "Average Pooling (Artikel 2023)",
    "attention pooling (2024 follow-up)": "Attention Pooling (Folgearbeit 2024)",
})

FA_MORE.update({
    "CAM": "CAM", "Grad-CAM": "Grad-CAM", "Attention": "توجه",
    "Attention map of the attention head. Colours: the tag's attention against an even spread, on a log scale (none: even or less; full: all of it on one spot), the same for every tag and image.":
        "نقشهٔ توجهِ سرِ توجه. رنگ‌ها: توجهِ برچسب در برابر پخشِ یکنواخت، در مقیاس لگاریتمی (هیچ: یکنواخت یا کمتر؛ "
        "کامل: همه روی یک نقطه)، برای هر برچسب و تصویر یکسان.",
    "Class activation map. Colours: the sigmoid of the local logit, on one scale for every tag and image.":
        "نقشهٔ فعال‌سازی کلاس. رنگ‌ها: سیگموید لوجیت محلی، با یک مقیاس برای هر برچسب و تصویر.",
    "Show where in the image the model sees the chosen tag": "نشان بده مدل برچسب برگزیده را کجای تصویر می‌بیند",
    "&Heatmap:": "&نقشهٔ حرارتی:", "no heatmap": "بدون نقشهٔ حرارتی", "no heatmap: %1": "بدون نقشهٔ حرارتی: %1",
    "This run's attention head draws its own attention, averaged over its heads; the CAM identity of the gap head does not hold for it":
        "سرِ توجهِ این اجرا توجهِ خودش را می‌کشد، میانگین روی سرهایش؛ همانیِ CAM سرِ GAP برای آن برقرار نیست",
    "Where in the image this tag's query attends (the attention head's weights)":
        "پرسشِ این برچسب به کجای تصویر توجه می‌کند (وزن‌های سرِ توجه)",
    "Evaluate and keep an exponential moving average of the weights (decay: the head's recipe, 0.9997 for average pooling, 0.99 for attention pooling)":
        "میانگین متحرک نمایی وزن‌ها را بسنج و نگه دار (نرخ زوال: دستورِ سر، ۰٫۹۹۹۷ برای ادغام میانگین، ۰٫۹۹ برای "
        "ادغام توجه)",
    "Mix&up (the follow-up's)": "Mix&up (از مقالهٔ بعدی)",
    "Average the first half of every batch with the second half, with the union of their tags":
        "نیمهٔ نخست هر دسته را با نیمهٔ دوم میانگین بگیر، با اجتماع برچسب‌هایشان",
    "&Head:": "&سر:", "average pooling (2023 paper)": "ادغام میانگین (مقالهٔ ۲۰۲۳)",
    "attention pooling (2024 follow-up)": "ادغام توجه (مقالهٔ بعدی ۲۰۲۴)",
})

DE_MORE.update({
    "(none ticked: the Train page's head; two: each cell once per head)":
        "(keiner angekreuzt: der Kopf der Trainingsseite; zwei: jede Zelle einmal je Kopf)",
    "Heads:": "Köpfe:", "%1 (published %2, not ours)": "%1 (veröffentlicht %2, nicht unseres)",
    "%1, %2 head": "%1, Kopf %2",
})

FA_MORE.update({
    "(none ticked: the Train page's head; two: each cell once per head)":
        "(هیچ‌کدام: سرِ صفحهٔ آموزش؛ دو: هر خانه یک بار برای هر سر)",
    "Heads:": "سرها:", "%1 (published %2, not ours)": "%1 (منتشرشده %2، نه از ما)",
    "%1, %2 head": "%1، سرِ %2",
})

# File > Get a published model... (ui/get_model_dialog.cpp)
DE_MORE.update({
    "Get a published model": "Ein veröffentlichtes Modell holen",
    "Another model on the Hub": "Ein anderes Modell auf dem Hub",
    "a timm weight file in any repo: ORG/NAME[@REVISION]": "eine timm-Gewichtsdatei in einem beliebigen Repo: ORG/NAME[@REVISION]",
    "ORG/NAME[@REVISION]": "ORG/NAME[@REVISION]",
    "optional: else the repo's config.json label_names": "optional: sonst die label_names aus config.json des Repos",
    "Cache: %1 (shared with Python's huggingface_hub)": "Cache: %1 (gemeinsam mit Pythons huggingface_hub)",
    "&Get": "&Holen", "Close": "Schließen", "Class names": "Klassennamen", "Text (*.txt)": "Text (*.txt)",
    "&Model:": "&Modell:", "&Repo:": "&Repo:", "&Class names (one per line):": "&Klassennamen (eine je Zeile):",
    "Run &folder to make:": "Zu erstellender Lauf&ordner:", "Cancel": "Abbrechen",
    "Asking the Hub for %1...": "Der Hub wird nach %1 gefragt...",
    "Cancelled; the part fetched is kept, and Get resumes it.":
        "Abgebrochen; der geladene Teil bleibt erhalten, und Holen setzt ihn fort.",
    "made run %1 from %2 (%3): %4 labels from %5. %6": "Lauf %1 aus %2 erstellt (%3): %4 Labels aus %5. %6",
    "from the cache": "aus dem Cache", "downloaded": "heruntergeladen", "Cancelling...": "Wird abgebrochen...",
    "&Get a published model...": "Veröffentlichtes Modell &holen...", "Ctrl+Shift+G": "Ctrl+Shift+G",
})

FA_MORE.update({
    "Get a published model": "دریافت یک مدل منتشرشده",
    "Another model on the Hub": "مدلی دیگر در Hub",
    "a timm weight file in any repo: ORG/NAME[@REVISION]": "یک پروندهٔ وزن timm در هر مخزنی: ORG/NAME[@REVISION]",
    "ORG/NAME[@REVISION]": "ORG/NAME[@REVISION]",
    "optional: else the repo's config.json label_names": "اختیاری: وگرنه label_names پروندهٔ config.json مخزن",
    "Cache: %1 (shared with Python's huggingface_hub)": "حافظهٔ نهان: %1 (مشترک با huggingface_hub پایتون)",
    "&Get": "&دریافت", "Close": "بستن", "Class names": "نام رده‌ها", "Text (*.txt)": "متن (*.txt)",
    "&Model:": "&مدل:", "&Repo:": "&مخزن:", "&Class names (one per line):": "&نام رده‌ها (هر سطر یکی):",
    "Run &folder to make:": "&پوشهٔ اجرایی که ساخته می‌شود:", "Cancel": "لغو",
    "Asking the Hub for %1...": "پرسیدن %1 از Hub...",
    "Cancelled; the part fetched is kept, and Get resumes it.":
        "لغو شد؛ بخش دریافت‌شده نگه داشته می‌شود و «دریافت» آن را ادامه می‌دهد.",
    "made run %1 from %2 (%3): %4 labels from %5. %6": "اجرای %1 از %2 ساخته شد (%3): %4 برچسب از %5. %6",
    "from the cache": "از حافظهٔ نهان", "downloaded": "دریافت‌شده", "Cancelling...": "در حال لغو...",
    "&Get a published model...": "&دریافت یک مدل منتشرشده...", "Ctrl+Shift+G": "Ctrl+Shift+G",
})

DE.update(DE_MORE)
FA.update(FA_MORE)

# A list is a plural message's forms (%n): German has two, Persian one.
for path, table in ((sys.argv[1], DE), (sys.argv[2], FA)):
    tree = ET.parse(path)
    filled = 0
    for message in tree.iter("message"):
        source = message.find("source").text or ""
        translation = message.find("translation")
        if source in table:
            value = table[source]
            if message.get("numerus") == "yes":
                forms = value if isinstance(value, list) else [value]
                for child in list(translation):
                    translation.remove(child)
                translation.text = None
                for form in forms:
                    ET.SubElement(translation, "numerusform").text = form
            else:
                translation.text = value if isinstance(value, str) else value[-1]
            translation.attrib.pop("type", None)
            filled += 1
    tree.write(path, encoding="utf-8", xml_declaration=True)
    print(f"{path}: {filled} strings translated")
