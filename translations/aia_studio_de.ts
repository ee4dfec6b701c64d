<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="de_DE">
<context>
    <name>QObject</name>
    <message>
        <location filename="../ui/annotate_page.cpp" line="33" />
        <source>edit tags</source>
        <translation>Schlagwörter bearbeiten</translation>
    </message>
    <message>
        <location filename="../ui/browse_page.cpp" line="138" />
        <source>per-image F1 %1</source>
        <translation>F1 je Bild %1</translation>
    </message>
    <message>
        <location filename="../ui/thresholds_page.cpp" line="37" />
        <source>threshold of %1</source>
        <translation>Schwellenwert von %1</translation>
    </message>
    <message>
        <location filename="../ui/thresholds_page.cpp" line="69" />
        <source>per-class P %1  R %2  F1 %3   per-image P %4  R %5  F1 %6   N+ %7   mAP %8</source>
        <translation>je Klasse P %1  R %2  F1 %3   je Bild P %4  R %5  F1 %6   N+ %7   mAP %8</translation>
    </message>
    <message>
        <location filename="../ui/plot_style.cpp" line="60" />
        <source>Export as &amp;PNG...</source>
        <translation>Als &amp;PNG exportieren...</translation>
    </message>
    <message>
        <location filename="../ui/plot_style.cpp" line="61" />
        <source>Export as &amp;SVG...</source>
        <translation>Als &amp;SVG exportieren...</translation>
    </message>
    <message>
        <location filename="../ui/plot_style.cpp" line="62" />
        <source>Export as P&amp;DF...</source>
        <translation>Als P&amp;DF exportieren...</translation>
    </message>
    <message>
        <location filename="../ui/plot_style.cpp" line="65" />
        <source>Export the plot</source>
        <translation>Diagramm exportieren</translation>
    </message>
    <message>
        <location filename="../ui/review_page.cpp" line="60" />
        <source>margin to the nearest threshold: %1</source>
        <translation>Abstand zur nächsten Schwelle: %1</translation>
    </message>
</context>
<context>
    <name>aia::ui</name>
    <message>
        <location filename="../ui/heatmap_view.cpp" line="17" />
        <location filename="../ui/heatmap_view.cpp" line="23" />
        <source>CAM</source>
        <translation>CAM</translation>
    </message>
    <message>
        <location filename="../ui/heatmap_view.cpp" line="19" />
        <source>Grad-CAM</source>
        <translation>Grad-CAM</translation>
    </message>
    <message>
        <location filename="../ui/heatmap_view.cpp" line="21" />
        <source>Attention</source>
        <translation>Attention</translation>
    </message>
    <message>
        <location filename="../ui/heatmap_view.cpp" line="28" />
        <source>Attention map of the attention head. Colours: the tag's attention against an even spread, on a log scale (none: even or less; full: all of it on one spot), the same for every tag and image.</source>
        <translation>Attention-Karte des Attention-Kopfs. Farben: die Aufmerksamkeit des Schlagworts gegenüber einer gleichmäßigen Verteilung, logarithmisch (keine: gleichmäßig oder weniger; voll: alles auf einer Stelle), für jedes Schlagwort und Bild gleich.</translation>
    </message>
    <message>
        <location filename="../ui/heatmap_view.cpp" line="31" />
        <source>Class activation map. Colours: the sigmoid of the local logit, on one scale for every tag and image.</source>
        <translation>Class Activation Map. Farben: das Sigmoid des lokalen Logits, auf einer Skala für jedes Schlagwort und Bild.</translation>
    </message>
</context>
<context>
    <name>aia::ui::AnnotatePage</name>
    <message>
        <location filename="../ui/annotate_page.cpp" line="103" />
        <location filename="../ui/annotate_page.cpp" line="221" />
        <source>Drop images or folders here, or use File &gt; Open images (Ctrl+O).</source>
        <translation>Bilder oder Ordner hier ablegen oder Datei &gt; Bilder öffnen (Strg+O) verwenden.</translation>
    </message>
    <message>
        <location filename="../ui/annotate_page.cpp" line="106" />
        <source>image</source>
        <translation>Bild</translation>
    </message>
    <message>
        <location filename="../ui/annotate_page.cpp" line="106" />
        <source>tags (editable, separated by ;)</source>
        <translation>Schlagwörter (editierbar, getrennt durch ;)</translation>
    </message>
    <message>
        <location filename="../ui/annotate_page.cpp" line="106" />
        <source>scores</source>
        <translation>Werte</translation>
    </message>
    <message>
        <location filename="../ui/annotate_page.cpp" line="77" />
        <location filename="../ui/annotate_page.cpp" line="387" />
        <source>Select an image to see it large.</source>
        <translation>Ein Bild auswählen, um es groß zu sehen.</translation>
    </message>
    <message>
        <location filename="../ui/annotate_page.cpp" line="115" />
        <source>&amp;Open images...</source>
        <translation>Bilder &amp;öffnen...</translation>
    </message>
    <message>
        <location filename="../ui/annotate_page.cpp" line="116" />
        <source>Write &amp;XMP sidecars</source>
        <translation>&amp;XMP-Sidecars schreiben</translation>
    </message>
    <message>
        <location filename="../ui/annotate_page.cpp" line="117" />
        <source>Write the tags into IMAGE.ext.xmp files (dc:subject, digiKam:TagsList) for photo managers</source>
        <translation>Die Tags in BILD.ext.xmp-Dateien schreiben (dc:subject, digiKam:TagsList), für Fotoverwaltungen</translation>
    </message>
    <message>
        <location filename="../ui/annotate_page.cpp" line="118" />
        <source>&amp;Clear list</source>
        <translation>Liste &amp;leeren</translation>
    </message>
    <message>
        <location filename="../ui/annotate_page.cpp" line="119" />
        <source>Remove every image from the list (the files stay)</source>
        <translation>Alle Bilder aus der Liste entfernen (die Dateien bleiben)</translation>
    </message>
    <message>
        <location filename="../ui/annotate_page.cpp" line="120" />
        <source>&amp;Review as a project...</source>
        <translation>Als Projekt &amp;prüfen...</translation>
    </message>
    <message>
        <location filename="../ui/annotate_page.cpp" line="123" />
        <source>Make an annotation project of these images' folders: every edit saved as you go, the most uncertain images first, and training on your corrections (Review page)</source>
        <translation>Ein Annotationsprojekt aus den Ordnern dieser Bilder anlegen: jede Änderung sofort gespeichert, die unsichersten Bilder zuerst und Training auf Ihren Korrekturen (Seite Prüfen)</translation>
    </message>
    <message>
        <location filename="../ui/annotate_page.cpp" line="149" />
        <source>skipped file</source>
        <translation>übersprungene Datei</translation>
    </message>
    <message>
        <location filename="../ui/annotate_page.cpp" line="149" />
        <source>reason</source>
        <translation>Grund</translation>
    </message>
    <message>
        <location filename="../ui/annotate_page.cpp" line="151" />
        <source>Files under the dropped folders that were not tagged, and why</source>
        <translation>Dateien in den abgelegten Ordnern, die nicht verschlagwortet wurden, und warum</translation>
    </message>
    <message>
        <location filename="../ui/annotate_page.cpp" line="84" />
        <source>Show where in the image the model sees the chosen tag</source>
        <translation>Zeigen, wo im Bild das Modell das gewählte Schlagwort sieht</translation>
    </message>
    <message>
        <location filename="../ui/annotate_page.cpp" line="92" />
        <source>&amp;Heatmap:</source>
        <translation>&amp;Heatmap:</translation>
    </message>
    <message>
        <location filename="../ui/annotate_page.cpp" line="193" />
        <source>Images to annotate</source>
        <translation>Zu annotierende Bilder</translation>
    </message>
    <message>
        <location filename="../ui/annotate_page.cpp" line="209" />
        <source>no trained run to annotate with: train one or open a run folder (File &gt; Open run)</source>
        <translation>kein trainierter Lauf zum Annotieren: einen trainieren oder einen Laufordner öffnen (Datei &gt; Lauf öffnen)</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/annotate_page.cpp" line="215" />
        <source>Annotating %n image(s)...</source>
        <translation><numerusform>Annotiere %n Bild...</numerusform><numerusform>Annotiere %n Bilder...</numerusform></translation>
    </message>
    <message>
        <location filename="../ui/annotate_page.cpp" line="229" />
        <source>cannot annotate: %1</source>
        <translation>Annotieren nicht möglich: %1</translation>
    </message>
    <message>
        <location filename="../ui/annotate_page.cpp" line="234" />
        <source>model loaded for annotation: %1</source>
        <translation>Modell zum Annotieren geladen: %1</translation>
    </message>
    <message>
        <location filename="../ui/annotate_page.cpp" line="371" />
        <source>no heatmap</source>
        <translation>keine Heatmap</translation>
    </message>
    <message>
        <location filename="../ui/annotate_page.cpp" line="401" />
        <source>Cannot show %1</source>
        <translation>%1 kann nicht angezeigt werden</translation>
    </message>
    <message>
        <location filename="../ui/annotate_page.cpp" line="419" />
        <source>no heatmap: %1</source>
        <translation>keine Heatmap: %1</translation>
    </message>
    <message>
        <location filename="../ui/annotate_page.cpp" line="202" />
        <location filename="../ui/annotate_page.cpp" line="278" />
        <source>skipped %1: %2</source>
        <translation>übersprungen %1: %2</translation>
    </message>
    <message>
        <location filename="../ui/annotate_page.cpp" line="193" />
        <source>Images (%1)</source>
        <translation>Bilder (%1)</translation>
    </message>
    <message>
        <location filename="../ui/annotate_page.cpp" line="224" />
        <source>the run changed while annotating; annotating again with %1</source>
        <translation>der Lauf wurde während des Annotierens gewechselt; erneut annotiert mit %1</translation>
    </message>
    <message>
        <location filename="../ui/annotate_page.cpp" line="241" />
        <source>this run has another vocabulary: the scores of the images listed before are dropped</source>
        <translation>dieser Lauf hat ein anderes Vokabular: die Werte der zuvor gelisteten Bilder werden verworfen</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/annotate_page.cpp" line="308" />
        <source>annotated %n image(s)</source>
        <translation><numerusform>%n Bild annotiert</numerusform><numerusform>%n Bilder annotiert</numerusform></translation>
    </message>
    <message>
        <location filename="../ui/annotate_page.cpp" line="356" />
        <source>cannot write the sidecar of %1: %2</source>
        <translation>Sidecar von %1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/annotate_page.cpp" line="359" />
        <source>wrote %n XMP sidecar(s)</source>
        <translation><numerusform>%n XMP-Sidecar geschrieben</numerusform><numerusform>%n XMP-Sidecars geschrieben</numerusform></translation>
    </message>
</context>
<context>
    <name>aia::ui::BrowsePage</name>
    <message>
        <location filename="../ui/browse_page.cpp" line="145" />
        <source>by file name</source>
        <translation>nach Dateiname</translation>
    </message>
    <message>
        <location filename="../ui/browse_page.cpp" line="145" />
        <source>by per-image F1, worst first</source>
        <translation>nach F1 je Bild, schlechteste zuerst</translation>
    </message>
    <message>
        <location filename="../ui/browse_page.cpp" line="145" />
        <source>by per-image F1, best first</source>
        <translation>nach F1 je Bild, beste zuerst</translation>
    </message>
    <message>
        <location filename="../ui/browse_page.cpp" line="159" />
        <location filename="../ui/browse_page.cpp" line="315" />
        <source>Select an image.</source>
        <translation>Ein Bild auswählen.</translation>
    </message>
    <message>
        <location filename="../ui/browse_page.cpp" line="166" />
        <location filename="../ui/browse_page.cpp" line="225" />
        <source>Where in the image the model sees this tag (class activation map)</source>
        <translation>Wo im Bild das Modell dieses Tag sieht (Class Activation Map)</translation>
    </message>
    <message>
        <location filename="../ui/browse_page.cpp" line="171" />
        <source>Heatmap opacity</source>
        <translation>Deckkraft der Heatmap</translation>
    </message>
    <message>
        <location filename="../ui/browse_page.cpp" line="222" />
        <source>CAM is exact for this network (a map's mean is the tag's logit); Grad-CAM is the same map with its negative evidence clipped</source>
        <translation>CAM ist für dieses Netz exakt (der Mittelwert einer Karte ist der Logit des Tags); Grad-CAM ist dieselbe Karte mit abgeschnittener negativer Evidenz</translation>
    </message>
    <message>
        <location filename="../ui/browse_page.cpp" line="178" />
        <source>&amp;Heatmap:</source>
        <translation>&amp;Heatmap:</translation>
    </message>
    <message>
        <location filename="../ui/browse_page.cpp" line="182" />
        <source>Opacity:</source>
        <translation>Deckkraft:</translation>
    </message>
    <message>
        <location filename="../ui/browse_page.cpp" line="192" />
        <source>Label:</source>
        <translation>Label:</translation>
    </message>
    <message>
        <location filename="../ui/browse_page.cpp" line="194" />
        <source>Sort:</source>
        <translation>Sortierung:</translation>
    </message>
    <message>
        <location filename="../ui/browse_page.cpp" line="220" />
        <source>This run's attention head draws its own attention, averaged over its heads; the CAM identity of the gap head does not hold for it</source>
        <translation>Der Attention-Kopf dieses Laufs zeichnet seine eigene Aufmerksamkeit, gemittelt über seine Köpfe; die CAM-Identität des GAP-Kopfs gilt für ihn nicht</translation>
    </message>
    <message>
        <location filename="../ui/browse_page.cpp" line="224" />
        <source>Where in the image this tag's query attends (the attention head's weights)</source>
        <translation>Worauf im Bild die Abfrage dieses Schlagworts achtet (die Gewichte des Attention-Kopfs)</translation>
    </message>
    <message>
        <location filename="../ui/browse_page.cpp" line="233" />
        <source>all labels</source>
        <translation>alle Labels</translation>
    </message>
    <message>
        <location filename="../ui/browse_page.cpp" line="264" />
        <source>no heatmap</source>
        <translation>keine Heatmap</translation>
    </message>
    <message>
        <location filename="../ui/browse_page.cpp" line="284" />
        <source>per-image F1 %1</source>
        <translation>F1 je Bild %1</translation>
    </message>
    <message>
        <location filename="../ui/browse_page.cpp" line="353" />
        <source>Cannot show %1</source>
        <translation>%1 kann nicht angezeigt werden</translation>
    </message>
    <message>
        <location filename="../ui/browse_page.cpp" line="294" />
        <location filename="../ui/browse_page.cpp" line="304" />
        <source>true positive</source>
        <translation>richtig positiv</translation>
    </message>
    <message>
        <location filename="../ui/browse_page.cpp" line="294" />
        <location filename="../ui/browse_page.cpp" line="304" />
        <source>false positive</source>
        <translation>falsch positiv</translation>
    </message>
    <message>
        <location filename="../ui/browse_page.cpp" line="294" />
        <location filename="../ui/browse_page.cpp" line="305" />
        <source>missed</source>
        <translation>verpasst</translation>
    </message>
</context>
<context>
    <name>aia::ui::ChipEditor</name>
    <message>
        <location filename="../ui/chip_editor.cpp" line="20" />
        <source>  (imported)</source>
        <translation>  (importiert)</translation>
    </message>
    <message>
        <location filename="../ui/chip_editor.cpp" line="21" />
        <source>  (kept)</source>
        <translation>  (behalten)</translation>
    </message>
    <message>
        <location filename="../ui/chip_editor.cpp" line="22" />
        <source>  (added)</source>
        <translation>  (hinzugefügt)</translation>
    </message>
    <message>
        <location filename="../ui/chip_editor.cpp" line="23" />
        <source>  (auto-accepted)</source>
        <translation>  (automatisch übernommen)</translation>
    </message>
    <message>
        <location filename="../ui/chip_editor.cpp" line="28" />
        <source>Likely label error: kept, but the model scores it %1 (threshold %2)</source>
        <translation>Wahrscheinlicher Labelfehler: behalten, aber das Modell bewertet es mit %1 (Schwelle %2)</translation>
    </message>
    <message>
        <location filename="../ui/chip_editor.cpp" line="29" />
        <source>Likely label error: left out, but the model scores it %1 (threshold %2)</source>
        <translation>Wahrscheinlicher Labelfehler: weggelassen, aber das Modell bewertet es mit %1 (Schwelle %2)</translation>
    </message>
    <message>
        <location filename="../ui/chip_editor.cpp" line="47" />
        <source>Type to add a tag (completion from the vocabulary); Enter adds it</source>
        <translation>Tippen fügt ein Tag hinzu (Vervollständigung aus dem Vokabular); Enter übernimmt es</translation>
    </message>
    <message>
        <location filename="../ui/chip_editor.cpp" line="80" />
        <source>A tag of this image; click or press its number to reject it</source>
        <translation>Ein Tag dieses Bildes; klicken oder seine Nummer drücken, um es abzulehnen</translation>
    </message>
    <message>
        <location filename="../ui/chip_editor.cpp" line="81" />
        <source>Not a tag of this image; click or press its number to accept it</source>
        <translation>Kein Tag dieses Bildes; klicken oder seine Nummer drücken, um es anzunehmen</translation>
    </message>
</context>
<context>
    <name>aia::ui::DatasetPage</name>
    <message>
        <location filename="../ui/dataset_page.cpp" line="41" />
        <source>Demo (Fashion-MNIST mosaics)</source>
        <translation>Demo (Fashion-MNIST-Mosaike)</translation>
    </message>
    <message>
        <location filename="../ui/dataset_page.cpp" line="42" />
        <source>Demo, long-tailed labels</source>
        <translation>Demo, Labels mit langem Schwanz</translation>
    </message>
    <message>
        <location filename="../ui/dataset_page.cpp" line="47" />
        <source>Open &amp;folder...</source>
        <translation>&amp;Ordner öffnen...</translation>
    </message>
    <message>
        <location filename="../ui/dataset_page.cpp" line="48" />
        <source>No dataset loaded.</source>
        <translation>Kein Datensatz geladen.</translation>
    </message>
    <message>
        <location filename="../ui/dataset_page.cpp" line="55" />
        <source>labels, most frequent first</source>
        <translation>Labels, häufigste zuerst</translation>
    </message>
    <message>
        <location filename="../ui/dataset_page.cpp" line="56" />
        <location filename="../ui/dataset_page.cpp" line="91" />
        <source>training images</source>
        <translation>Trainingsbilder</translation>
    </message>
    <message>
        <location filename="../ui/dataset_page.cpp" line="59" />
        <source>Validation report</source>
        <translation>Prüfbericht</translation>
    </message>
    <message>
        <location filename="../ui/dataset_page.cpp" line="62" />
        <source>&amp;Dataset:</source>
        <translation>&amp;Datensatz:</translation>
    </message>
    <message>
        <location filename="../ui/dataset_page.cpp" line="90" />
        <source>labels per training image</source>
        <translation>Labels je Trainingsbild</translation>
    </message>
    <message>
        <location filename="../ui/dataset_page.cpp" line="99" />
        <source>Point at a cell: the two labels and how many training images carry both (the diagonal, a label's own count, is off the colour scale).</source>
        <translation>Auf eine Zelle zeigen: die zwei Labels und wie viele Trainingsbilder beide tragen (die Diagonale, die Anzahl eines Labels selbst, liegt außerhalb der Farbskala).</translation>
    </message>
    <message>
        <location filename="../ui/dataset_page.cpp" line="114" />
        <source>Re&amp;shuffle</source>
        <translation>&amp;Neu mischen</translation>
    </message>
    <message>
        <location filename="../ui/dataset_page.cpp" line="115" />
        <source>Show other training images</source>
        <translation>Andere Trainingsbilder zeigen</translation>
    </message>
    <message>
        <location filename="../ui/dataset_page.cpp" line="120" />
        <source>Label frequency</source>
        <translation>Label-Häufigkeit</translation>
    </message>
    <message>
        <location filename="../ui/dataset_page.cpp" line="121" />
        <source>Labels per image</source>
        <translation>Labels je Bild</translation>
    </message>
    <message>
        <location filename="../ui/dataset_page.cpp" line="122" />
        <source>Co-occurrence</source>
        <translation>Gemeinsames Auftreten</translation>
    </message>
    <message>
        <location filename="../ui/dataset_page.cpp" line="123" />
        <source>Gallery</source>
        <translation>Galerie</translation>
    </message>
    <message>
        <location filename="../ui/dataset_page.cpp" line="131" />
        <source>Dataset folder (train.json + test.json + images/)</source>
        <translation>Datensatzordner (train.json + test.json + images/)</translation>
    </message>
    <message>
        <location filename="../ui/dataset_page.cpp" line="145" />
        <source>Loading %1...</source>
        <translation>%1 wird geladen...</translation>
    </message>
    <message>
        <location filename="../ui/dataset_page.cpp" line="169" />
        <source>Cannot use %1: %2</source>
        <translation>%1 kann nicht verwendet werden: %2</translation>
    </message>
    <message>
        <location filename="../ui/dataset_page.cpp" line="181" />
        <source>&lt;b&gt;%1&lt;/b&gt; — %2 training, %3 test images with their files present; %4 labels; %5 labels per training image; normalisation: %6</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; — %2 Trainings-, %3 Testbilder mit vorhandenen Dateien; %4 Labels; %5 Labels je Trainingsbild; Normalisierung: %6</translation>
    </message>
    <message>
        <location filename="../ui/dataset_page.cpp" line="189" />
        <source>computed from the training images when training starts</source>
        <translation>aus den Trainingsbildern berechnet, wenn das Training beginnt</translation>
    </message>
    <message>
        <location filename="../ui/dataset_page.cpp" line="195" />
        <source>No training image was found in %1: put the images there to train.
</source>
        <translation>In %1 wurde kein Trainingsbild gefunden: die Bilder dort ablegen, um zu trainieren.
</translation>
    </message>
    <message>
        <location filename="../ui/dataset_page.cpp" line="199" />
        <source>dataset %1: %2</source>
        <translation>Datensatz %1: %2</translation>
    </message>
    <message>
        <location filename="../ui/dataset_page.cpp" line="283" />
        <source>images with both labels</source>
        <translation>Bilder mit beiden Labels</translation>
    </message>
    <message>
        <location filename="../ui/dataset_page.cpp" line="320" />
        <source>%1: %2 training images</source>
        <translation>%1: %2 Trainingsbilder</translation>
    </message>
    <message>
        <location filename="../ui/dataset_page.cpp" line="321" />
        <source>%1 and %2: %3 training images</source>
        <translation>%1 und %2: %3 Trainingsbilder</translation>
    </message>
</context>
<context>
    <name>aia::ui::ExperimentsPage</name>
    <message>
        <location filename="../ui/experiments_page.cpp" line="37" />
        <source>waiting</source>
        <translation>wartet</translation>
    </message>
    <message>
        <location filename="../ui/experiments_page.cpp" line="39" />
        <source>interrupted (resumes)</source>
        <translation>unterbrochen (wird fortgesetzt)</translation>
    </message>
    <message>
        <location filename="../ui/experiments_page.cpp" line="41" />
        <source>running</source>
        <translation>läuft</translation>
    </message>
    <message>
        <location filename="../ui/experiments_page.cpp" line="43" />
        <source>finished</source>
        <translation>fertig</translation>
    </message>
    <message>
        <location filename="../ui/experiments_page.cpp" line="45" />
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <location filename="../ui/experiments_page.cpp" line="85" />
        <source>Losses:</source>
        <translation>Verlustfunktionen:</translation>
    </message>
    <message>
        <location filename="../ui/experiments_page.cpp" line="95" />
        <source>(none ticked: the Train page's head; two: each cell once per head)</source>
        <translation>(keiner angekreuzt: der Kopf der Trainingsseite; zwei: jede Zelle einmal je Kopf)</translation>
    </message>
    <message>
        <location filename="../ui/experiments_page.cpp" line="97" />
        <source>Heads:</source>
        <translation>Köpfe:</translation>
    </message>
    <message>
        <location filename="../ui/experiments_page.cpp" line="99" />
        <source>Comma-separated seeds: each loss trains once per seed</source>
        <translation>Durch Kommas getrennte Seeds: jede Verlustfunktion trainiert einmal je Seed</translation>
    </message>
    <message>
        <location filename="../ui/experiments_page.cpp" line="101" />
        <source>&amp;Seeds:</source>
        <translation>&amp;Seeds:</translation>
    </message>
    <message>
        <location filename="../ui/experiments_page.cpp" line="103" />
        <source>experiments/&lt;dataset&gt;-&lt;date and time&gt;</source>
        <translation>experiments/&lt;Datensatz&gt;-&lt;Datum und Uhrzeit&gt;</translation>
    </message>
    <message>
        <location filename="../ui/experiments_page.cpp" line="104" />
        <source>&amp;Folder:</source>
        <translation>&amp;Ordner:</translation>
    </message>
    <message>
        <location filename="../ui/experiments_page.cpp" line="105" />
        <source>Recipe:</source>
        <translation>Rezept:</translation>
    </message>
    <message>
        <location filename="../ui/experiments_page.cpp" line="105" />
        <source>the Train page's settings, on the Dataset page's dataset</source>
        <translation>die Einstellungen der Seite Training, auf dem Datensatz der Seite Datensatz</translation>
    </message>
    <message>
        <location filename="../ui/experiments_page.cpp" line="107" />
        <source>S&amp;tart experiment</source>
        <translation>Experiment s&amp;tarten</translation>
    </message>
    <message>
        <location filename="../ui/experiments_page.cpp" line="108" />
        <source>Sto&amp;p</source>
        <translation>Sto&amp;ppen</translation>
    </message>
    <message>
        <location filename="../ui/experiments_page.cpp" line="109" />
        <source>&amp;Resume or open...</source>
        <translation>&amp;Fortsetzen oder öffnen...</translation>
    </message>
    <message>
        <location filename="../ui/experiments_page.cpp" line="110" />
        <source>Export &amp;table...</source>
        <translation>&amp;Tabelle exportieren...</translation>
    </message>
    <message>
        <location filename="../ui/experiments_page.cpp" line="111" />
        <source>Export p&amp;lots...</source>
        <translation>&amp;Diagramme exportieren...</translation>
    </message>
    <message>
        <location filename="../ui/experiments_page.cpp" line="129" />
        <source>Cell</source>
        <translation>Zelle</translation>
    </message>
    <message>
        <location filename="../ui/experiments_page.cpp" line="129" />
        <location filename="../ui/experiments_page.cpp" line="140" />
        <source>Loss</source>
        <translation>Verlustfunktion</translation>
    </message>
    <message>
        <location filename="../ui/experiments_page.cpp" line="129" />
        <source>Seed</source>
        <translation>Seed</translation>
    </message>
    <message>
        <location filename="../ui/experiments_page.cpp" line="129" />
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <location filename="../ui/experiments_page.cpp" line="129" />
        <source>Progress</source>
        <translation>Fortschritt</translation>
    </message>
    <message>
        <location filename="../ui/experiments_page.cpp" line="140" />
        <source>Seeds</source>
        <translation>Seeds</translation>
    </message>
    <message>
        <location filename="../ui/experiments_page.cpp" line="155" />
        <source>per-class F1, 95% interval</source>
        <translation>F1 je Klasse, 95-%-Intervall</translation>
    </message>
    <message>
        <location filename="../ui/experiments_page.cpp" line="156" />
        <source>Per-class F1 by loss; whiskers: the 95% paired-bootstrap interval over test images</source>
        <translation>F1 je Klasse nach Verlustfunktion; Fehlerbalken: das 95-%-Intervall des gepaarten Bootstraps über die Testbilder</translation>
    </message>
    <message>
        <location filename="../ui/experiments_page.cpp" line="165" />
        <source>label frequency (positives among the test images)</source>
        <translation>Label-Häufigkeit (Positive unter den Testbildern)</translation>
    </message>
    <message>
        <location filename="../ui/experiments_page.cpp" line="167" />
        <source>The loss plotted against the baseline, label by label</source>
        <translation>Die Verlustfunktion gegen die Referenz, Label für Label</translation>
    </message>
    <message>
        <location filename="../ui/experiments_page.cpp" line="170" />
        <source>Thresholds:</source>
        <translation>Schwellenwerte:</translation>
    </message>
    <message>
        <location filename="../ui/experiments_page.cpp" line="173" />
        <source>Per label:</source>
        <translation>Je Label:</translation>
    </message>
    <message>
        <location filename="../ui/experiments_page.cpp" line="199" />
        <source>Export the report table</source>
        <translation>Berichtstabelle exportieren</translation>
    </message>
    <message>
        <location filename="../ui/experiments_page.cpp" line="200" />
        <source>Markdown (*.md);;CSV (*.csv);;LaTeX (*.tex)</source>
        <translation>Markdown (*.md);;CSV (*.csv);;LaTeX (*.tex)</translation>
    </message>
    <message>
        <location filename="../ui/experiments_page.cpp" line="204" />
        <source>Export the plots (PNG, SVG and PDF)</source>
        <translation>Diagramme exportieren (PNG, SVG und PDF)</translation>
    </message>
    <message>
        <location filename="../ui/experiments_page.cpp" line="221" />
        <source>Report: %1</source>
        <translation>Bericht: %1</translation>
    </message>
    <message>
        <location filename="../ui/experiments_page.cpp" line="246" />
        <source>%1/experiments/&lt;dataset&gt;-&lt;date and time&gt;</source>
        <translation>%1/experiments/&lt;Datensatz&gt;-&lt;Datum und Uhrzeit&gt;</translation>
    </message>
    <message>
        <location filename="../ui/experiments_page.cpp" line="260" />
        <source>Load a dataset with its images first (Dataset page)</source>
        <translation>Zuerst einen Datensatz mit seinen Bildern laden (Seite Datensatz)</translation>
    </message>
    <message>
        <location filename="../ui/experiments_page.cpp" line="287" />
        <source>Cannot start: %1</source>
        <translation>Start nicht möglich: %1</translation>
    </message>
    <message>
        <location filename="../ui/experiments_page.cpp" line="297" />
        <source>Experiment folder to resume or open</source>
        <translation>Experimentordner zum Fortsetzen oder Öffnen</translation>
    </message>
    <message>
        <location filename="../ui/experiments_page.cpp" line="317" />
        <source>Cannot open %1: %2</source>
        <translation>%1 kann nicht geöffnet werden: %2</translation>
    </message>
    <message>
        <location filename="../ui/experiments_page.cpp" line="349" />
        <source>%1: %2 of %3 cells finished.</source>
        <translation>%1: %2 von %3 Zellen fertig.</translation>
    </message>
    <message>
        <location filename="../ui/experiments_page.cpp" line="361" />
        <source>Cell %1 of %2: %3 (its live curves are on the Train page).</source>
        <translation>Zelle %1 von %2: %3 (ihre Live-Kurven sind auf der Seite Training).</translation>
    </message>
    <message>
        <location filename="../ui/experiments_page.cpp" line="369" />
        <source>%1% (epoch %2/%3)</source>
        <translation>%1 % (Epoche %2/%3)</translation>
    </message>
    <message>
        <location filename="../ui/experiments_page.cpp" line="389" />
        <source>Stopped: %1 Resume continues where it stopped.</source>
        <translation>Gestoppt: %1 Fortsetzen macht dort weiter, wo es stoppte.</translation>
    </message>
    <message>
        <location filename="../ui/experiments_page.cpp" line="435" />
        <source>%1 (published %2, not ours)</source>
        <translation>%1 (veröffentlicht %2, nicht unseres)</translation>
    </message>
    <message>
        <location filename="../ui/experiments_page.cpp" line="436" />
        <source>%1, %2 head</source>
        <translation>%1, Kopf %2</translation>
    </message>
    <message>
        <location filename="../ui/experiments_page.cpp" line="446" />
        <source>The paired bootstrap needs the baseline and another loss finished on the same seed.</source>
        <translation>Der gepaarte Bootstrap braucht die Referenz und eine weitere Verlustfunktion, fertig mit demselben Seed.</translation>
    </message>
    <message>
        <location filename="../ui/experiments_page.cpp" line="527" />
        <location filename="../ui/experiments_page.cpp" line="528" />
        <source>per-label F1, %1</source>
        <translation>F1 je Label, %1</translation>
    </message>
    <message>
        <location filename="../ui/experiments_page.cpp" line="535" />
        <source>equal F1</source>
        <translation>gleiches F1</translation>
    </message>
    <message>
        <location filename="../ui/experiments_page.cpp" line="555" />
        <source>support %1</source>
        <translation>Häufigkeit %1</translation>
    </message>
    <message>
        <location filename="../ui/experiments_page.cpp" line="555" />
        <source>support %1-%2</source>
        <translation>Häufigkeit %1-%2</translation>
    </message>
    <message>
        <location filename="../ui/experiments_page.cpp" line="568" />
        <source>F1 gain, %1 − %2</source>
        <translation>F1-Gewinn, %1 − %2</translation>
    </message>
    <message>
        <location filename="../ui/experiments_page.cpp" line="574" />
        <source>labels</source>
        <translation>Labels</translation>
    </message>
    <message>
        <location filename="../ui/experiments_page.cpp" line="585" />
        <source>mean per frequency bin</source>
        <translation>Mittel je Häufigkeitsklasse</translation>
    </message>
    <message>
        <location filename="../ui/experiments_page.cpp" line="592" />
        <source>no gain</source>
        <translation>kein Gewinn</translation>
    </message>
    <message>
        <location filename="../ui/experiments_page.cpp" line="611" />
        <source>Wrote %1</source>
        <translation>%1 geschrieben</translation>
    </message>
    <message>
        <location filename="../ui/experiments_page.cpp" line="613" />
        <source>Cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <location filename="../ui/experiments_page.cpp" line="627" />
        <source>Wrote the plots as %1-*.png, .svg and .pdf</source>
        <translation>Diagramme als %1-*.png, .svg und .pdf geschrieben</translation>
    </message>
    <message>
        <location filename="../ui/experiments_page.cpp" line="628" />
        <source>Could not write every plot under %1</source>
        <translation>Nicht jedes Diagramm unter %1 konnte geschrieben werden</translation>
    </message>
</context>
<context>
    <name>aia::ui::GetModelDialog</name>
    <message>
        <location filename="../ui/get_model_dialog.cpp" line="33" />
        <source>Get a published model</source>
        <translation>Ein veröffentlichtes Modell holen</translation>
    </message>
    <message>
        <location filename="../ui/get_model_dialog.cpp" line="39" />
        <source>Another model on the Hub</source>
        <translation>Ein anderes Modell auf dem Hub</translation>
    </message>
    <message>
        <location filename="../ui/get_model_dialog.cpp" line="39" />
        <source>a timm weight file in any repo: ORG/NAME[@REVISION]</source>
        <translation>eine timm-Gewichtsdatei in einem beliebigen Repo: ORG/NAME[@REVISION]</translation>
    </message>
    <message>
        <location filename="../ui/get_model_dialog.cpp" line="42" />
        <source>ORG/NAME[@REVISION]</source>
        <translation>ORG/NAME[@REVISION]</translation>
    </message>
    <message>
        <location filename="../ui/get_model_dialog.cpp" line="45" />
        <source>optional: else the repo's config.json label_names</source>
        <translation>optional: sonst die label_names aus config.json des Repos</translation>
    </message>
    <message>
        <location filename="../ui/get_model_dialog.cpp" line="58" />
        <source>Cache: %1 (shared with Python's huggingface_hub)</source>
        <translation>Cache: %1 (gemeinsam mit Pythons huggingface_hub)</translation>
    </message>
    <message>
        <location filename="../ui/get_model_dialog.cpp" line="61" />
        <source>&amp;Get</source>
        <translation>&amp;Holen</translation>
    </message>
    <message>
        <location filename="../ui/get_model_dialog.cpp" line="64" />
        <location filename="../ui/get_model_dialog.cpp" line="126" />
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <location filename="../ui/get_model_dialog.cpp" line="67" />
        <source>Browse...</source>
        <translation>Durchsuchen...</translation>
    </message>
    <message>
        <location filename="../ui/get_model_dialog.cpp" line="71" />
        <source>Class names</source>
        <translation>Klassennamen</translation>
    </message>
    <message>
        <location filename="../ui/get_model_dialog.cpp" line="71" />
        <source>Text (*.txt)</source>
        <translation>Text (*.txt)</translation>
    </message>
    <message>
        <location filename="../ui/get_model_dialog.cpp" line="75" />
        <source>&amp;Model:</source>
        <translation>&amp;Modell:</translation>
    </message>
    <message>
        <location filename="../ui/get_model_dialog.cpp" line="77" />
        <source>&amp;Repo:</source>
        <translation>&amp;Repo:</translation>
    </message>
    <message>
        <location filename="../ui/get_model_dialog.cpp" line="78" />
        <source>&amp;Class names (one per line):</source>
        <translation>&amp;Klassennamen (eine je Zeile):</translation>
    </message>
    <message>
        <location filename="../ui/get_model_dialog.cpp" line="81" />
        <source>Run &amp;folder to make:</source>
        <translation>Zu erstellender Lauf&amp;ordner:</translation>
    </message>
    <message>
        <location filename="../ui/get_model_dialog.cpp" line="126" />
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location filename="../ui/get_model_dialog.cpp" line="138" />
        <source>Asking the Hub for %1...</source>
        <translation>Der Hub wird nach %1 gefragt...</translation>
    </message>
    <message>
        <location filename="../ui/get_model_dialog.cpp" line="162" />
        <source>Cancelled; the part fetched is kept, and Get resumes it.</source>
        <translation>Abgebrochen; der geladene Teil bleibt erhalten, und Holen setzt ihn fort.</translation>
    </message>
    <message>
        <location filename="../ui/get_model_dialog.cpp" line="175" />
        <source>made run %1 from %2 (%3): %4 labels from %5. %6</source>
        <translation>Lauf %1 aus %2 erstellt (%3): %4 Labels aus %5. %6</translation>
    </message>
    <message>
        <location filename="../ui/get_model_dialog.cpp" line="177" />
        <source>from the cache</source>
        <translation>aus dem Cache</translation>
    </message>
    <message>
        <location filename="../ui/get_model_dialog.cpp" line="177" />
        <source>downloaded</source>
        <translation>heruntergeladen</translation>
    </message>
    <message>
        <location filename="../ui/get_model_dialog.cpp" line="192" />
        <source>Cancelling...</source>
        <translation>Wird abgebrochen...</translation>
    </message>
</context>
<context>
    <name>aia::ui::ImportModelDialog</name>
    <message>
        <location filename="../ui/model_transfer.cpp" line="83" />
        <source>New run from a published model</source>
        <translation>Neuer Lauf aus einem veröffentlichten Modell</translation>
    </message>
    <message>
        <location filename="../ui/model_transfer.cpp" line="97" />
        <source>The input size the model was trained at (timm's tresnet_m.miil_in21k: 224)</source>
        <translation>Die Eingabegröße, mit der das Modell trainiert wurde (timms tresnet_m.miil_in21k: 224)</translation>
    </message>
    <message>
        <location filename="../ui/model_transfer.cpp" line="100" />
        <source>Browse...</source>
        <translation>Durchsuchen...</translation>
    </message>
    <message>
        <location filename="../ui/model_transfer.cpp" line="116" />
        <source>&amp;Weights (model.safetensors):</source>
        <translation>&amp;Gewichte (model.safetensors):</translation>
    </message>
    <message>
        <location filename="../ui/model_transfer.cpp" line="117" />
        <source>Weights</source>
        <translation>Gewichte</translation>
    </message>
    <message>
        <location filename="../ui/model_transfer.cpp" line="117" />
        <source>Weights (*.safetensors *.pth *.pt)</source>
        <translation>Gewichte (*.safetensors *.pth *.pt)</translation>
    </message>
    <message>
        <location filename="../ui/model_transfer.cpp" line="118" />
        <source>&amp;Class names (one per line):</source>
        <translation>&amp;Klassennamen (eine je Zeile):</translation>
    </message>
    <message>
        <location filename="../ui/model_transfer.cpp" line="118" />
        <source>Class names</source>
        <translation>Klassennamen</translation>
    </message>
    <message>
        <location filename="../ui/model_transfer.cpp" line="118" />
        <source>Text (*.txt)</source>
        <translation>Text (*.txt)</translation>
    </message>
    <message>
        <location filename="../ui/model_transfer.cpp" line="119" />
        <source>Run &amp;folder to make:</source>
        <translation>Zu erstellender Lauf&amp;ordner:</translation>
    </message>
    <message>
        <location filename="../ui/model_transfer.cpp" line="120" />
        <source>&amp;Backbone:</source>
        <translation>&amp;Backbone:</translation>
    </message>
    <message>
        <location filename="../ui/model_transfer.cpp" line="121" />
        <source>&amp;Input size:</source>
        <translation>&amp;Eingabegröße:</translation>
    </message>
</context>
<context>
    <name>aia::ui::MainWindow</name>
    <message>
        <location filename="../ui/main_window.cpp" line="43" />
        <source>AIA Studio</source>
        <translation>AIA Studio</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="54" />
        <source>&amp;Dataset</source>
        <translation>&amp;Datensatz</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="55" />
        <source>&amp;Train</source>
        <translation>&amp;Training</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="56" />
        <source>&amp;Browse</source>
        <translation>&amp;Durchsuchen</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="57" />
        <source>T&amp;hresholds</source>
        <translation>&amp;Schwellenwerte</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="58" />
        <source>&amp;Annotate</source>
        <translation>&amp;Annotieren</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="59" />
        <source>E&amp;xperiments</source>
        <translation>E&amp;xperimente</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="67" />
        <source>Re&amp;view</source>
        <translation>&amp;Prüfen</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="74" />
        <source>Log</source>
        <translation>Protokoll</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="124" />
        <source>a training run is in progress already</source>
        <translation>es läuft bereits ein Training</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="108" />
        <source>Training failed</source>
        <translation>Training fehlgeschlagen</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="155" />
        <source>Ready</source>
        <translation>Bereit</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="189" />
        <source>Preferences</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="192" />
        <source>Browse...</source>
        <translation>Durchsuchen...</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="195" />
        <source>Folder for runs and experiments</source>
        <translation>Ordner für Läufe und Experimente</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="202" />
        <source>&amp;Data folder (runs/ and experiments/):</source>
        <translation>&amp;Datenordner (runs/ und experiments/):</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="210" />
        <source>new runs and experiments go to %1</source>
        <translation>neue Läufe und Experimente kommen nach %1</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="220" />
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="221" />
        <source>Open &amp;dataset folder...</source>
        <translation>&amp;Datensatzordner öffnen...</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="221" />
        <source>Ctrl+Shift+O</source>
        <translation>Ctrl+Shift+O</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="223" />
        <source>Open &amp;run...</source>
        <translation>&amp;Lauf öffnen...</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="223" />
        <source>Ctrl+R</source>
        <translation>Ctrl+R</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="224" />
        <source>Recent r&amp;uns</source>
        <translation>Letzte Lä&amp;ufe</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="226" />
        <source>Open &amp;images to annotate...</source>
        <translation>&amp;Bilder zum Annotieren öffnen...</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="231" />
        <source>&amp;Save thresholds...</source>
        <translation>Schwellenwerte &amp;speichern...</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="232" />
        <source>&amp;Load thresholds...</source>
        <translation>Schwellenwerte &amp;laden...</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="232" />
        <source>Ctrl+L</source>
        <translation>Ctrl+L</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="233" />
        <source>&amp;Export CSV</source>
        <translation>CSV &amp;exportieren</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="234" />
        <source>Test-set &amp;predictions...</source>
        <translation>&amp;Vorhersagen der Testmenge...</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="235" />
        <source>Export predictions</source>
        <translation>Vorhersagen exportieren</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="235" />
        <location filename="../ui/main_window.cpp" line="239" />
        <location filename="../ui/main_window.cpp" line="243" />
        <location filename="../ui/main_window.cpp" line="247" />
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="238" />
        <source>Per-label &amp;metrics...</source>
        <translation>&amp;Metriken je Label...</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="239" />
        <source>Export per-label metrics</source>
        <translation>Metriken je Label exportieren</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="242" />
        <source>&amp;Thresholds...</source>
        <translation>&amp;Schwellenwerte...</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="243" />
        <source>Export thresholds</source>
        <translation>Schwellenwerte exportieren</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="246" />
        <source>&amp;Annotations...</source>
        <translation>&amp;Annotationen...</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="246" />
        <source>Ctrl+E</source>
        <translation>Ctrl+E</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="247" />
        <source>Export annotations</source>
        <translation>Annotationen exportieren</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="250" />
        <source>Annotations as a &amp;dataset (JSON)...</source>
        <translation>Annotationen als &amp;Datensatz (JSON)...</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="251" />
        <source>Export annotations as a dataset file (images are copied beside it)</source>
        <translation>Annotationen als Datensatzdatei exportieren (die Bilder werden daneben kopiert)</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="251" />
        <source>JSON (*.json)</source>
        <translation>JSON (*.json)</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="254" />
        <source>Write &amp;XMP sidecars</source>
        <translation>&amp;XMP-Sidecars schreiben</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="256" />
        <source>Export &amp;model (ONNX)...</source>
        <translation>&amp;Modell exportieren (ONNX)...</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="258" />
        <source>&amp;Get a published model...</source>
        <translation>Veröffentlichtes Modell &amp;holen...</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="258" />
        <source>Ctrl+Shift+G</source>
        <translation>Ctrl+Shift+G</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="260" />
        <source>New run from a &amp;published model...</source>
        <translation>Neuer Lauf aus einem &amp;veröffentlichten Modell...</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="262" />
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="264" />
        <source>&amp;Edit</source>
        <translation>&amp;Bearbeiten</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="265" />
        <source>&amp;Undo</source>
        <translation>&amp;Rückgängig</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="267" />
        <source>&amp;Redo</source>
        <translation>&amp;Wiederholen</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="272" />
        <source>&amp;Preferences...</source>
        <translation>&amp;Einstellungen...</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="274" />
        <source>&amp;Training</source>
        <translation>&amp;Training</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="275" />
        <source>&amp;Start</source>
        <translation>&amp;Starten</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="275" />
        <source>F5</source>
        <translation>F5</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="276" />
        <source>S&amp;top</source>
        <translation>S&amp;toppen</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="276" />
        <source>Shift+F5</source>
        <translation>Shift+F5</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="277" />
        <source>&amp;Resume a run...</source>
        <translation>Lauf &amp;fortsetzen...</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="279" />
        <source>&amp;Compare with a past run...</source>
        <translation>Mit einem früheren Lauf &amp;vergleichen...</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="280" />
        <source>A run folder whose curves to overlay</source>
        <translation>Ein Laufordner, dessen Kurven überlagert werden</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="284" />
        <source>Cannot compare</source>
        <translation>Vergleich nicht möglich</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="284" />
        <source>%1 has no finished epoch to compare (is it a run folder?)</source>
        <translation>%1 hat keine abgeschlossene Epoche zum Vergleichen (ist es ein Laufordner?)</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="286" />
        <source>C&amp;lear compared runs</source>
        <translation>Verglichene Läufe &amp;entfernen</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="288" />
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="293" />
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="294" />
        <source>&amp;About AIA Studio</source>
        <translation>&amp;Über AIA Studio</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="295" />
        <source>About &amp;Qt</source>
        <translation>Über &amp;Qt</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="304" />
        <source>wrote %1</source>
        <translation>%1 geschrieben</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="306" />
        <source>nothing to export yet</source>
        <translation>noch nichts zu exportieren</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="314" />
        <source>Export model</source>
        <translation>Modell exportieren</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="314" />
        <source>Open a run first (File &gt; Open run), or train one.</source>
        <translation>Öffnen Sie zuerst einen Lauf (Datei &gt; Lauf öffnen) oder trainieren Sie einen.</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="318" />
        <source>Export the run's model</source>
        <translation>Das Modell des Laufs exportieren</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="319" />
        <source>ONNX (*.onnx)</source>
        <translation>ONNX (*.onnx)</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="321" />
        <source>exporting %1 to %2...</source>
        <translation>exportiere %1 nach %2...</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="328" />
        <source>making a run from %1...</source>
        <translation>lege einen Lauf aus %1 an...</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="350" />
        <source>Open a training run folder</source>
        <translation>Ordner eines Trainingslaufs öffnen</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="360" />
        <source>opened run %1: a tagger without test scores (Annotate and Review use it; Browse and Thresholds need a run trained here)</source>
        <translation>Lauf %1 geöffnet: ein Verschlagworter ohne Testwerte (Annotieren und Prüfen nutzen ihn; Durchsuchen und Schwellenwerte brauchen einen hier trainierten Lauf)</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="375" />
        <source>Cannot open the run</source>
        <translation>Der Lauf kann nicht geöffnet werden</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="389" />
        <source>opened run %1 (%2 test images, %3 labels)</source>
        <translation>Lauf %1 geöffnet (%2 Testbilder, %3 Labels)</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="414" />
        <source>About AIA Studio</source>
        <translation>Über AIA Studio</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="415" />
        <source>&lt;h3&gt;AIA Studio %1&lt;/h3&gt;&lt;p&gt;Automatic image annotation: TResNet-M, the unsymmetrical loss of Salar &amp;amp; Ahmadi (The Visual Computer, 2023), per-label thresholds by Matthews correlation.&lt;/p&gt;&lt;p&gt;Built with Qt %2 and LibTorch.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;AIA Studio %1&lt;/h3&gt;&lt;p&gt;Automatische Bildannotation: TResNet-M, die unsymmetrische Verlustfunktion von Salar &amp;amp; Ahmadi (The Visual Computer, 2023), Schwellenwerte je Label nach Matthews-Korrelation.&lt;/p&gt;&lt;p&gt;Gebaut mit Qt %2 und LibTorch.&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="438" />
        <source>stopping the training run before quitting; resume it later from its run folder</source>
        <translation>der Trainingslauf wird vor dem Beenden gestoppt; später aus seinem Laufordner fortsetzen</translation>
    </message>
</context>
<context>
    <name>aia::ui::ModelTransfer</name>
    <message>
        <location filename="../ui/model_transfer.cpp" line="53" />
        <source>Cannot export the model</source>
        <translation>Das Modell kann nicht exportiert werden</translation>
    </message>
    <message>
        <location filename="../ui/model_transfer.cpp" line="55" />
        <source>wrote %1: %2, %3 labels, input 3 x %4 x %4; thresholds: %5</source>
        <translation>%1 geschrieben: %2, %3 Labels, Eingabe 3 x %4 x %4; Schwellenwerte: %5</translation>
    </message>
    <message>
        <location filename="../ui/model_transfer.cpp" line="67" />
        <source>Cannot make a run from the model</source>
        <translation>Aus dem Modell kann kein Lauf angelegt werden</translation>
    </message>
    <message>
        <location filename="../ui/model_transfer.cpp" line="73" />
        <source>made run %1 from %2: %3 labels; thresholds 0.5 until reviewed images calibrate them</source>
        <translation>Lauf %1 aus %2 angelegt: %3 Labels; Schwellenwerte 0,5, bis geprüfte Bilder sie kalibrieren</translation>
    </message>
</context>
<context>
    <name>aia::ui::ReviewPage</name>
    <message>
        <location filename="../ui/review_page.cpp" line="149" />
        <source>Accept and next (Enter)</source>
        <translation>Annehmen und weiter (Enter)</translation>
    </message>
    <message>
        <location filename="../ui/review_page.cpp" line="151" />
        <source>Previous</source>
        <translation>Zurück</translation>
    </message>
    <message>
        <location filename="../ui/review_page.cpp" line="152" />
        <source>Next</source>
        <translation>Weiter</translation>
    </message>
    <message>
        <location filename="../ui/review_page.cpp" line="245" />
        <source>project %1: %2 images; tags from XMP: %3</source>
        <translation>Projekt %1: %2 Bilder; Tags aus XMP: %3</translation>
    </message>
    <message>
        <location filename="../ui/review_page.cpp" line="272" />
        <source>Cannot make the project</source>
        <translation>Das Projekt kann nicht angelegt werden</translation>
    </message>
    <message>
        <location filename="../ui/review_page.cpp" line="250" />
        <source>project %1 opened: %2 images%3</source>
        <translation>Projekt %1 geöffnet: %2 Bilder%3</translation>
    </message>
    <message>
        <location filename="../ui/review_page.cpp" line="257" />
        <source>Read-only</source>
        <translation>Schreibgeschützt</translation>
    </message>
    <message>
        <location filename="../ui/review_page.cpp" line="283" />
        <source>Cannot open the project</source>
        <translation>Das Projekt kann nicht geöffnet werden</translation>
    </message>
    <message>
        <location filename="../ui/review_page.cpp" line="150" />
        <source>Skip (Shift+Enter)</source>
        <translation>Überspringen (Umschalt+Enter)</translation>
    </message>
    <message>
        <location filename="../ui/review_page.cpp" line="161" />
        <source>Keys: 1-9 toggle a tag, Enter accepts and moves on, Shift+Enter skips, arrows move, typing adds a tag, Ctrl+Z undoes.</source>
        <translation>Tasten: 1-9 schalten ein Tag um, Enter nimmt an und geht weiter, Umschalt+Enter überspringt, Pfeile bewegen, Tippen fügt ein Tag hinzu, Strg+Z macht rückgängig.</translation>
    </message>
    <message>
        <location filename="../ui/review_page.cpp" line="255" />
        <source>skipped %1: %2</source>
        <translation>übersprungen %1: %2</translation>
    </message>
    <message>
        <location filename="../ui/review_page.cpp" line="328" />
        <source>Folder of images to annotate</source>
        <translation>Ordner mit zu annotierenden Bildern</translation>
    </message>
    <message>
        <location filename="../ui/review_page.cpp" line="329" />
        <location filename="../ui/review_page.cpp" line="342" />
        <source>Annotation project folder</source>
        <translation>Ordner des Annotationsprojekts</translation>
    </message>
    <message>
        <location filename="../ui/review_page.cpp" line="329" />
        <source>&amp;Project folder:</source>
        <translation>&amp;Projektordner:</translation>
    </message>
    <message>
        <location filename="../ui/review_page.cpp" line="390" />
        <source>No images to show.</source>
        <translation>Keine Bilder anzuzeigen.</translation>
    </message>
    <message>
        <location filename="../ui/review_page.cpp" line="408" />
        <source>Loading...</source>
        <translation>Wird geladen...</translation>
    </message>
    <message>
        <location filename="../ui/review_page.cpp" line="418" />
        <source>This file cannot be decoded as an image.</source>
        <translation>Diese Datei lässt sich nicht als Bild dekodieren.</translation>
    </message>
    <message>
        <location filename="../ui/review_page.cpp" line="419" />
        <source>The image is no longer there; the next scan marks it missing.</source>
        <translation>Das Bild ist nicht mehr da; der nächste Scan markiert es als fehlend.</translation>
    </message>
    <message>
        <location filename="../ui/review_page.cpp" line="453" />
        <source>%1 of %2 reviewed</source>
        <translation>%1 von %2 geprüft</translation>
    </message>
    <message>
        <location filename="../ui/review_page.cpp" line="454" />
        <source>, %1 skipped</source>
        <translation>, %1 übersprungen</translation>
    </message>
    <message>
        <location filename="../ui/review_page.cpp" line="455" />
        <source> · %1 s per image</source>
        <translation> · %1 s pro Bild</translation>
    </message>
    <message>
        <location filename="../ui/review_page.cpp" line="456" />
        <source> · %1 not scored</source>
        <translation> · %1 nicht bewertet</translation>
    </message>
    <message>
        <location filename="../ui/review_page.cpp" line="457" />
        <source> · %1 missing</source>
        <translation> · %1 fehlen</translation>
    </message>
    <message>
        <location filename="../ui/review_page.cpp" line="458" />
        <source> · %1 likely label errors</source>
        <translation> · %1 wahrscheinliche Labelfehler</translation>
    </message>
    <message>
        <location filename="../ui/review_page.cpp" line="460" />
        <source> · %1 tags auto-accepted at ≥ %2% precision (delta %3) · %4 images still need you</source>
        <translation> · %1 Schlagwörter automatisch übernommen bei ≥ %2 % Präzision (Delta %3) · %4 Bilder brauchen Sie noch</translation>
    </message>
    <message>
        <location filename="../ui/review_page.cpp" line="475" />
        <location filename="../ui/review_scoring.cpp" line="209" />
        <source>The edit was not saved</source>
        <translation>Die Änderung wurde nicht gespeichert</translation>
    </message>
    <message>
        <location filename="../ui/review_page.cpp" line="502" />
        <source>reject %1</source>
        <translation>%1 ablehnen</translation>
    </message>
    <message>
        <location filename="../ui/review_page.cpp" line="502" />
        <location filename="../ui/review_page.cpp" line="529" />
        <source>accept %1</source>
        <translation>%1 annehmen</translation>
    </message>
    <message>
        <location filename="../ui/review_page.cpp" line="515" />
        <source>add %1</source>
        <translation>%1 hinzufügen</translation>
    </message>
    <message>
        <location filename="../ui/review_page.cpp" line="538" />
        <source>skip</source>
        <translation>überspringen</translation>
    </message>
    <message>
        <location filename="../ui/review_scoring.cpp" line="35" />
        <source>No run to score with</source>
        <translation>Kein Lauf zum Bewerten</translation>
    </message>
    <message>
        <location filename="../ui/review_scoring.cpp" line="35" />
        <source>Open a trained run first (File &gt; Open run), or train one.</source>
        <translation>Öffnen Sie zuerst einen trainierten Lauf (Datei &gt; Lauf öffnen) oder trainieren Sie einen.</translation>
    </message>
    <message>
        <location filename="../ui/review_scoring.cpp" line="42" />
        <source>images on disk: %1</source>
        <translation>Bilder auf der Platte: %1</translation>
    </message>
    <message>
        <location filename="../ui/review_scoring.cpp" line="44" />
        <source>Cannot score</source>
        <translation>Bewerten nicht möglich</translation>
    </message>
    <message>
        <location filename="../ui/review_scoring.cpp" line="49" />
        <source>every image is scored</source>
        <translation>jedes Bild ist bewertet</translation>
    </message>
    <message>
        <location filename="../ui/review_scoring.cpp" line="53" />
        <location filename="../ui/review_scoring.cpp" line="142" />
        <source>scoring</source>
        <translation>Bewertung</translation>
    </message>
    <message>
        <location filename="../ui/review_scoring.cpp" line="94" />
        <source>Scoring failed</source>
        <translation>Bewertung fehlgeschlagen</translation>
    </message>
    <message>
        <location filename="../ui/review_scoring.cpp" line="99" />
        <source>scoring cancelled; nothing was changed</source>
        <translation>Bewertung abgebrochen; nichts wurde geändert</translation>
    </message>
    <message>
        <location filename="../ui/review_scoring.cpp" line="106" />
        <location filename="../ui/review_scoring.cpp" line="148" />
        <source>skipped %1</source>
        <translation>übersprungen: %1</translation>
    </message>
    <message>
        <location filename="../ui/review_scoring.cpp" line="108" />
        <location filename="../ui/review_scoring.cpp" line="164" />
        <source>scored %1 images with %2</source>
        <translation>%1 Bilder mit %2 bewertet</translation>
    </message>
    <message>
        <location filename="../ui/review_scoring.cpp" line="112" />
        <source>Cannot store the scores</source>
        <translation>Die Scores können nicht gespeichert werden</translation>
    </message>
    <message>
        <location filename="../ui/review_scoring.cpp" line="129" />
        <location filename="../ui/review_scoring.cpp" line="159" />
        <source>Cannot train yet</source>
        <translation>Training noch nicht möglich</translation>
    </message>
    <message>
        <location filename="../ui/review_scoring.cpp" line="147" />
        <source>training on the reviewed images: %1</source>
        <translation>Training auf den geprüften Bildern: %1</translation>
    </message>
    <message>
        <location filename="../ui/review_exports.cpp" line="13" />
        <source> (%1 of them decided by certified thresholds, not reviewed; %2 auto-accepted tags marked)</source>
        <translation> (%1 davon durch zertifizierte Schwellenwerte entschieden, nicht geprüft; %2 automatisch übernommene Schlagwörter markiert)</translation>
    </message>
    <message>
        <location filename="../ui/review_exports.cpp" line="22" />
        <source>exported %1 images as a dataset in %2</source>
        <translation>%1 Bilder als Datensatz nach %2 exportiert</translation>
    </message>
    <message>
        <location filename="../ui/review_exports.cpp" line="32" />
        <source>exported %1 images to %2</source>
        <translation>%1 Bilder nach %2 exportiert</translation>
    </message>
    <message>
        <location filename="../ui/review_exports.cpp" line="43" />
        <source>wrote the XMP sidecars of %1 images</source>
        <translation>XMP-Begleitdateien von %1 Bildern geschrieben</translation>
    </message>
    <message>
        <location filename="../ui/review_scoring.cpp" line="135" />
        <source>training</source>
        <translation>Training</translation>
    </message>
    <message>
        <location filename="../ui/review_page.cpp" line="304" />
        <source>New annotation project</source>
        <translation>Neues Annotationsprojekt</translation>
    </message>
    <message>
        <location filename="../ui/review_page.cpp" line="317" />
        <source>Browse...</source>
        <translation>Durchsuchen...</translation>
    </message>
    <message>
        <location filename="../ui/review_page.cpp" line="328" />
        <source>&amp;Images:</source>
        <translation>&amp;Bilder:</translation>
    </message>
    <message>
        <location filename="../ui/review_scoring.cpp" line="161" />
        <source>training on the reviewed images did not finish: %1</source>
        <translation>das Training auf den geprüften Bildern endete nicht: %1</translation>
    </message>
    <message>
        <location filename="../ui/review_scoring.cpp" line="181" />
        <source>Cannot auto-accept</source>
        <translation>Automatisches Übernehmen nicht möglich</translation>
    </message>
    <message>
        <location filename="../ui/review_scoring.cpp" line="194" />
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location filename="../ui/review_scoring.cpp" line="196" />
        <source>Labels that abstain:
%1</source>
        <translation>Labels, die sich enthalten:
%1</translation>
    </message>
    <message>
        <location filename="../ui/review_scoring.cpp" line="198" />
        <source>abstains: %1</source>
        <translation>enthält sich: %1</translation>
    </message>
    <message>
        <location filename="../ui/review_scoring.cpp" line="199" />
        <source>auto-accept</source>
        <translation>automatisch übernehmen</translation>
    </message>
    <message>
        <location filename="../ui/review_exports.cpp" line="24" />
        <location filename="../ui/review_exports.cpp" line="34" />
        <location filename="../ui/review_exports.cpp" line="45" />
        <source>Export failed</source>
        <translation>Export fehlgeschlagen</translation>
    </message>
</context>
<context>
    <name>aia::ui::ReviewToolbar</name>
    <message>
        <location filename="../ui/review_toolbar.cpp" line="18" />
        <source>&amp;New project...</source>
        <translation>&amp;Neues Projekt...</translation>
    </message>
    <message>
        <location filename="../ui/review_toolbar.cpp" line="19" />
        <source>&amp;Open project...</source>
        <translation>Projekt ö&amp;ffnen...</translation>
    </message>
    <message>
        <location filename="../ui/review_toolbar.cpp" line="20" />
        <source>&amp;Score</source>
        <translation>&amp;Bewerten</translation>
    </message>
    <message>
        <location filename="../ui/review_toolbar.cpp" line="21" />
        <source>Score the unreviewed images with the project's run (or the open run)</source>
        <translation>Die ungeprüften Bilder mit dem Lauf des Projekts (oder dem geöffneten Lauf) bewerten</translation>
    </message>
    <message>
        <location filename="../ui/review_toolbar.cpp" line="22" />
        <location filename="../ui/review_toolbar.cpp" line="145" />
        <source>No project. Make one from a folder of images, or open one.</source>
        <translation>Kein Projekt. Legen Sie eines aus einem Bildordner an oder öffnen Sie eines.</translation>
    </message>
    <message>
        <location filename="../ui/review_toolbar.cpp" line="41" />
        <source>Order:</source>
        <translation>Reihenfolge:</translation>
    </message>
    <message>
        <location filename="../ui/review_toolbar.cpp" line="43" />
        <source>Show:</source>
        <translation>Zeigen:</translation>
    </message>
    <message>
        <location filename="../ui/review_toolbar.cpp" line="51" />
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location filename="../ui/review_toolbar.cpp" line="77" />
        <source>Most uncertain first</source>
        <translation>Unsicherste zuerst</translation>
    </message>
    <message>
        <location filename="../ui/review_toolbar.cpp" line="78" />
        <source>File order</source>
        <translation>Dateireihenfolge</translation>
    </message>
    <message>
        <location filename="../ui/review_toolbar.cpp" line="79" />
        <source>Random order</source>
        <translation>Zufällig</translation>
    </message>
    <message>
        <location filename="../ui/review_toolbar.cpp" line="83" />
        <source>Most uncertain first: images whose closest label score is nearest that label's MCC threshold</source>
        <translation>Unsicherste zuerst: Bilder, deren knappster Label-Score am nächsten an der MCC-Schwelle dieses Labels liegt</translation>
    </message>
    <message>
        <location filename="../ui/review_toolbar.cpp" line="86" />
        <source>All images</source>
        <translation>Alle Bilder</translation>
    </message>
    <message>
        <location filename="../ui/review_toolbar.cpp" line="87" />
        <source>Likely label errors</source>
        <translation>Wahrscheinliche Labelfehler</translation>
    </message>
    <message>
        <location filename="../ui/review_toolbar.cpp" line="88" />
        <source>Reviewed images with a tag the model, scored out of fold, strongly disagrees with</source>
        <translation>Geprüfte Bilder mit einem Tag, dem das Modell (out of fold bewertet) deutlich widerspricht</translation>
    </message>
    <message>
        <location filename="../ui/review_toolbar.cpp" line="93" />
        <source>&amp;Train on reviewed images</source>
        <translation>Auf geprüften Bildern &amp;trainieren</translation>
    </message>
    <message>
        <location filename="../ui/review_toolbar.cpp" line="96" />
        <source>Fine-tune the project's run on the reviewed images (new tags grow the head); the unreviewed images are scored again with the new run</source>
        <translation>Den Lauf des Projekts auf den geprüften Bildern feinabstimmen (neue Tags erweitern den Kopf); die ungeprüften Bilder werden mit dem neuen Lauf neu bewertet</translation>
    </message>
    <message>
        <location filename="../ui/review_toolbar.cpp" line="98" />
        <source>with the run's training set</source>
        <translation>mit der Trainingsmenge des Laufs</translation>
    </message>
    <message>
        <location filename="../ui/review_toolbar.cpp" line="100" />
        <source>Also train on the images the project's first run was trained on, and test on its test split (slower; keeps what it knew). Otherwise 20% of the reviewed images are held out as the test split.</source>
        <translation>Auch auf den Bildern trainieren, mit denen der erste Lauf des Projekts trainiert wurde, und auf dessen Testmenge testen (langsamer; behält, was er wusste). Sonst werden 20 % der geprüften Bilder als Testmenge zurückgehalten.</translation>
    </message>
    <message>
        <location filename="../ui/review_toolbar.cpp" line="106" />
        <source> epochs</source>
        <translation> Epochen</translation>
    </message>
    <message>
        <location filename="../ui/review_toolbar.cpp" line="107" />
        <source>Epochs of fine-tuning</source>
        <translation>Epochen der Feinabstimmung</translation>
    </message>
    <message>
        <location filename="../ui/review_toolbar.cpp" line="118" />
        <source>The precision to certify for auto-accepted tags</source>
        <translation>Die Präzision, die für automatisch übernommene Schlagwörter zertifiziert wird</translation>
    </message>
    <message>
        <location filename="../ui/review_toolbar.cpp" line="119" />
        <source>Auto-&amp;accept</source>
        <translation>&amp;Automatisch übernehmen</translation>
    </message>
    <message>
        <location filename="../ui/review_toolbar.cpp" line="123" />
        <source>Accept tags whose precision is certified on your reviewed images (risk 0.1), hide tags certified absent; images with every label decided leave the queue. Nothing is marked reviewed; undo takes it back.</source>
        <translation>Schlagwörter übernehmen, deren Präzision auf Ihren geprüften Bildern zertifiziert ist (Risiko 0,1), als abwesend zertifizierte ausblenden; Bilder, deren Labels alle entschieden sind, verlassen die Warteschlange. Nichts wird als geprüft markiert; Rückgängig nimmt es zurück.</translation>
    </message>
    <message>
        <location filename="../ui/review_toolbar.cpp" line="129" />
        <source>E&amp;xport</source>
        <translation>E&amp;xportieren</translation>
    </message>
    <message>
        <location filename="../ui/review_toolbar.cpp" line="132" />
        <source>As a &amp;dataset (JSON layout)...</source>
        <translation>Als &amp;Datensatz (JSON-Layout)...</translation>
    </message>
    <message>
        <location filename="../ui/review_toolbar.cpp" line="133" />
        <source>Folder for the dataset</source>
        <translation>Ordner für den Datensatz</translation>
    </message>
    <message>
        <location filename="../ui/review_toolbar.cpp" line="136" />
        <source>As an annotations &amp;CSV...</source>
        <translation>Als Annotations-&amp;CSV...</translation>
    </message>
    <message>
        <location filename="../ui/review_toolbar.cpp" line="137" />
        <source>Annotations CSV</source>
        <translation>Annotations-CSV</translation>
    </message>
    <message>
        <location filename="../ui/review_toolbar.cpp" line="137" />
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <location filename="../ui/review_toolbar.cpp" line="140" />
        <source>Into &amp;XMP sidecars</source>
        <translation>In &amp;XMP-Sidecars</translation>
    </message>
</context>
<context>
    <name>aia::ui::ThresholdModel</name>
    <message>
        <location filename="../ui/thresholds_page.cpp" line="98" />
        <source>label</source>
        <translation>Label</translation>
    </message>
    <message>
        <location filename="../ui/thresholds_page.cpp" line="98" />
        <source>frequency</source>
        <translation>Häufigkeit</translation>
    </message>
    <message>
        <location filename="../ui/thresholds_page.cpp" line="98" />
        <source>threshold</source>
        <translation>Schwellenwert</translation>
    </message>
    <message>
        <location filename="../ui/thresholds_page.cpp" line="98" />
        <source>P</source>
        <translation>P</translation>
    </message>
    <message>
        <location filename="../ui/thresholds_page.cpp" line="99" />
        <source>R</source>
        <translation>R</translation>
    </message>
    <message>
        <location filename="../ui/thresholds_page.cpp" line="99" />
        <source>F1</source>
        <translation>F1</translation>
    </message>
    <message>
        <location filename="../ui/thresholds_page.cpp" line="99" />
        <source>MCC</source>
        <translation>MCC</translation>
    </message>
    <message>
        <location filename="../ui/thresholds_page.cpp" line="99" />
        <source>TP</source>
        <translation>TP</translation>
    </message>
    <message>
        <location filename="../ui/thresholds_page.cpp" line="100" />
        <source>FP</source>
        <translation>FP</translation>
    </message>
    <message>
        <location filename="../ui/thresholds_page.cpp" line="100" />
        <source>FN</source>
        <translation>FN</translation>
    </message>
    <message>
        <location filename="../ui/thresholds_page.cpp" line="100" />
        <source>certified</source>
        <translation>zertifiziert</translation>
    </message>
    <message>
        <location filename="../ui/thresholds_page.cpp" line="117" />
        <source>none (never tagged)</source>
        <translation>keiner (nie vergeben)</translation>
    </message>
    <message>
        <location filename="../ui/thresholds_page.cpp" line="143" />
        <source>abstains: %1</source>
        <translation>enthält sich: %1</translation>
    </message>
    <message>
        <location filename="../ui/thresholds_page.cpp" line="144" />
        <source>none (abstained: %1)</source>
        <translation>keiner (enthalten: %1)</translation>
    </message>
    <message>
        <location filename="../ui/thresholds_page.cpp" line="145" />
        <source>none (moved from the certified %1)</source>
        <translation>keiner (vom zertifizierten %1 verschoben)</translation>
    </message>
    <message>
        <location filename="../ui/thresholds_page.cpp" line="146" />
        <source>precision ≥ %1 (δ %2)</source>
        <translation>Präzision ≥ %1 (δ %2)</translation>
    </message>
</context>
<context>
    <name>aia::ui::ThresholdPlots</name>
    <message>
        <location filename="../ui/threshold_plots.cpp" line="58" />
        <source>test score (drag the line to move the threshold)</source>
        <translation>Test-Score (die Linie ziehen, um den Schwellenwert zu verschieben)</translation>
    </message>
    <message>
        <location filename="../ui/threshold_plots.cpp" line="59" />
        <source>share of the class</source>
        <translation>Anteil der Klasse</translation>
    </message>
    <message>
        <location filename="../ui/threshold_plots.cpp" line="62" />
        <source>recall</source>
        <translation>Recall</translation>
    </message>
    <message>
        <location filename="../ui/threshold_plots.cpp" line="63" />
        <source>precision</source>
        <translation>Präzision</translation>
    </message>
    <message>
        <location filename="../ui/threshold_plots.cpp" line="65" />
        <source>threshold (drag the line)</source>
        <translation>Schwellenwert (die Linie ziehen)</translation>
    </message>
    <message>
        <location filename="../ui/threshold_plots.cpp" line="66" />
        <source>F1, MCC</source>
        <translation>F1, MCC</translation>
    </message>
    <message>
        <location filename="../ui/threshold_plots.cpp" line="70" />
        <source>labels, sorted by F1 at their thresholds (click a bar to select its label)</source>
        <translation>Labels, nach F1 bei ihren Schwellenwerten sortiert (einen Balken anklicken wählt sein Label)</translation>
    </message>
    <message>
        <location filename="../ui/threshold_plots.cpp" line="71" />
        <source>test F1</source>
        <translation>Test-F1</translation>
    </message>
    <message>
        <location filename="../ui/threshold_plots.cpp" line="74" />
        <source>one threshold for every label</source>
        <translation>ein Schwellenwert für jedes Label</translation>
    </message>
    <message>
        <location filename="../ui/threshold_plots.cpp" line="75" />
        <source>F1</source>
        <translation>F1</translation>
    </message>
    <message>
        <location filename="../ui/threshold_plots.cpp" line="77" />
        <location filename="../ui/threshold_plots.cpp" line="132" />
        <source>N+</source>
        <translation>N+</translation>
    </message>
    <message>
        <location filename="../ui/threshold_plots.cpp" line="82" />
        <source>Per-label F1</source>
        <translation>F1 je Label</translation>
    </message>
    <message>
        <location filename="../ui/threshold_plots.cpp" line="83" />
        <source>One global threshold</source>
        <translation>Ein globaler Schwellenwert</translation>
    </message>
    <message>
        <location filename="../ui/threshold_plots.cpp" line="113" />
        <source>This run kept no training-split scores (runs from before they were kept): the curves show the test split only.</source>
        <translation>Dieser Lauf hat keine Scores der Trainingsmenge (Läufe von vor deren Speicherung): die Kurven zeigen nur die Testmenge.</translation>
    </message>
    <message>
        <location filename="../ui/threshold_plots.cpp" line="129" />
        <source>per-class F1</source>
        <translation>F1 je Klasse</translation>
    </message>
    <message>
        <location filename="../ui/threshold_plots.cpp" line="130" />
        <source>per-image F1</source>
        <translation>F1 je Bild</translation>
    </message>
    <message>
        <location filename="../ui/threshold_plots.cpp" line="198" />
        <source>positives (%1 test images)</source>
        <translation>Positive (%1 Testbilder)</translation>
    </message>
    <message>
        <location filename="../ui/threshold_plots.cpp" line="199" />
        <source>negatives (%1)</source>
        <translation>Negative (%1)</translation>
    </message>
    <message>
        <location filename="../ui/threshold_plots.cpp" line="221" />
        <source>F1, %1</source>
        <translation>F1, %1</translation>
    </message>
    <message>
        <location filename="../ui/threshold_plots.cpp" line="222" />
        <source>MCC, %1</source>
        <translation>MCC, %1</translation>
    </message>
    <message>
        <location filename="../ui/threshold_plots.cpp" line="228" />
        <source>test</source>
        <translation>Test</translation>
    </message>
    <message>
        <location filename="../ui/threshold_plots.cpp" line="230" />
        <source>train</source>
        <translation>Training</translation>
    </message>
    <message>
        <location filename="../ui/threshold_plots.cpp" line="235" />
        <source>%1, test</source>
        <translation>%1, Test</translation>
    </message>
    <message>
        <location filename="../ui/threshold_plots.cpp" line="239" />
        <source>0.5</source>
        <translation>0,5</translation>
    </message>
    <message>
        <location filename="../ui/threshold_plots.cpp" line="240" />
        <source>MCC grid</source>
        <translation>MCC-Raster</translation>
    </message>
    <message>
        <location filename="../ui/threshold_plots.cpp" line="241" />
        <source>exact MCC</source>
        <translation>exaktes MCC</translation>
    </message>
    <message>
        <location filename="../ui/threshold_plots.cpp" line="242" />
        <source>exact F1</source>
        <translation>exaktes F1</translation>
    </message>
    <message>
        <location filename="../ui/threshold_plots.cpp" line="255" />
        <source>current</source>
        <translation>aktuell</translation>
    </message>
    <message>
        <location filename="../ui/threshold_plots.cpp" line="276" />
        <source>target precision %1</source>
        <translation>Zielpräzision %1</translation>
    </message>
    <message>
        <location filename="../ui/threshold_plots.cpp" line="281" />
        <source>target %1: abstains (%2)</source>
        <translation>Ziel %1: enthält sich (%2)</translation>
    </message>
    <message>
        <location filename="../ui/threshold_plots.cpp" line="286" />
        <source>certified ≥ %1 at threshold %2 (δ %3)</source>
        <translation>zertifiziert ≥ %1 bei Schwellenwert %2 (δ %3)</translation>
    </message>
</context>
<context>
    <name>aia::ui::ThresholdsPage</name>
    <message>
        <location filename="../ui/thresholds_page.cpp" line="214" />
        <source>Select a label to move its threshold.</source>
        <translation>Wählen Sie ein Label, um seinen Schwellenwert zu verschieben.</translation>
    </message>
    <message>
        <location filename="../ui/thresholds_page.cpp" line="220" />
        <source>strategy</source>
        <translation>Strategie</translation>
    </message>
    <message>
        <location filename="../ui/thresholds_page.cpp" line="220" />
        <source>per-class P</source>
        <translation>P je Klasse</translation>
    </message>
    <message>
        <location filename="../ui/thresholds_page.cpp" line="220" />
        <source>per-class R</source>
        <translation>R je Klasse</translation>
    </message>
    <message>
        <location filename="../ui/thresholds_page.cpp" line="220" />
        <source>per-class F1</source>
        <translation>F1 je Klasse</translation>
    </message>
    <message>
        <location filename="../ui/thresholds_page.cpp" line="220" />
        <source>N+</source>
        <translation>N+</translation>
    </message>
    <message>
        <location filename="../ui/thresholds_page.cpp" line="226" />
        <source>The precision to certify</source>
        <translation>Die zu zertifizierende Präzision</translation>
    </message>
    <message>
        <location filename="../ui/thresholds_page.cpp" line="228" />
        <source>δ </source>
        <translation>δ </translation>
    </message>
    <message>
        <location filename="../ui/thresholds_page.cpp" line="229" />
        <source>The risk that a certified label's precision on new images is below the target</source>
        <translation>Das Risiko, dass die Präzision eines zertifizierten Labels auf neuen Bildern unter dem Ziel liegt</translation>
    </message>
    <message>
        <location filename="../ui/thresholds_page.cpp" line="279" />
        <source>MCC &amp;grid (paper)</source>
        <translation>MCC-&amp;Raster (Artikel)</translation>
    </message>
    <message>
        <location filename="../ui/thresholds_page.cpp" line="280" />
        <source>Exact &amp;MCC</source>
        <translation>Exakter &amp;MCC</translation>
    </message>
    <message>
        <location filename="../ui/thresholds_page.cpp" line="281" />
        <source>Exact &amp;F1</source>
        <translation>Exakter &amp;F1</translation>
    </message>
    <message>
        <location filename="../ui/thresholds_page.cpp" line="282" />
        <source>Set all &amp;to</source>
        <translation>Alle &amp;setzen auf</translation>
    </message>
    <message>
        <location filename="../ui/thresholds_page.cpp" line="285" />
        <source>Thresholds chosen on the training split when the run finished</source>
        <translation>Schwellenwerte, gewählt auf der Trainingsmenge, als der Lauf endete</translation>
    </message>
    <message>
        <location filename="../ui/thresholds_page.cpp" line="286" />
        <source>The same threshold for every label</source>
        <translation>Derselbe Schwellenwert für jedes Label</translation>
    </message>
    <message>
        <location filename="../ui/thresholds_page.cpp" line="287" />
        <source>Pre&amp;cision ≥</source>
        <translation>Prä&amp;zision ≥</translation>
    </message>
    <message>
        <location filename="../ui/thresholds_page.cpp" line="290" />
        <source>Per label, the lowest threshold certified to keep this precision on new images like the test split's, with probability 1 - δ; a label that cannot be certified is never tagged</source>
        <translation>Je Label der niedrigste Schwellenwert, der diese Präzision auf neuen Bildern wie denen der Testmenge mit Wahrscheinlichkeit 1 - δ einhält; ein Label, das nicht zertifiziert werden kann, wird nie vergeben</translation>
    </message>
    <message>
        <location filename="../ui/thresholds_page.cpp" line="302" />
        <source>MCC-grid thresholds</source>
        <translation>MCC-Raster-Schwellenwerte</translation>
    </message>
    <message>
        <location filename="../ui/thresholds_page.cpp" line="305" />
        <source>exact MCC thresholds</source>
        <translation>exakte MCC-Schwellenwerte</translation>
    </message>
    <message>
        <location filename="../ui/thresholds_page.cpp" line="308" />
        <source>exact F1 thresholds</source>
        <translation>exakte F1-Schwellenwerte</translation>
    </message>
    <message>
        <location filename="../ui/thresholds_page.cpp" line="311" />
        <source>global threshold</source>
        <translation>globaler Schwellenwert</translation>
    </message>
    <message>
        <location filename="../ui/thresholds_page.cpp" line="326" />
        <source>0.5</source>
        <translation>0,5</translation>
    </message>
    <message>
        <location filename="../ui/thresholds_page.cpp" line="327" />
        <source>MCC grid (paper)</source>
        <translation>MCC-Raster (Paper)</translation>
    </message>
    <message>
        <location filename="../ui/thresholds_page.cpp" line="328" />
        <source>exact MCC</source>
        <translation>exaktes MCC</translation>
    </message>
    <message>
        <location filename="../ui/thresholds_page.cpp" line="329" />
        <source>exact F1</source>
        <translation>exaktes F1</translation>
    </message>
    <message>
        <location filename="../ui/thresholds_page.cpp" line="355" />
        <source>precision ≥ %1, δ %2: certified on %3 images, measured on the other %4</source>
        <translation>Präzision ≥ %1, δ %2: zertifiziert auf %3 Bildern, gemessen auf den anderen %4</translation>
    </message>
    <message>
        <location filename="../ui/thresholds_page.cpp" line="371" />
        <source>thresholds certified at precision ≥ %1 (δ %2)</source>
        <translation>Schwellenwerte zertifiziert bei Präzision ≥ %1 (δ %2)</translation>
    </message>
    <message>
        <location filename="../ui/thresholds_page.cpp" line="372" />
        <source>%1 of %2 labels certified at precision ≥ %3 with risk δ %4 on the run's %5 test images; the others abstain (never tagged). The numbers on this page are on those same images, so they do not check the promise: the strategies table's certified row does.</source>
        <translation>%1 von %2 Labels zertifiziert bei Präzision ≥ %3 mit Risiko δ %4 auf den %5 Testbildern des Laufs; die anderen enthalten sich (nie vergeben). Die Zahlen dieser Seite stammen von denselben Bildern und prüfen das Versprechen daher nicht: die zertifizierte Zeile der Strategietabelle tut es.</translation>
    </message>
    <message>
        <location filename="../ui/thresholds_page.cpp" line="386" />
        <source>Open a finished run (File &gt; Open run) or train one to tune its thresholds.</source>
        <translation>Einen fertigen Lauf öffnen (Datei &gt; Lauf öffnen) oder einen trainieren, um seine Schwellenwerte einzustellen.</translation>
    </message>
    <message>
        <location filename="../ui/thresholds_page.cpp" line="389" />
        <source>Test split, current thresholds: %1</source>
        <translation>Testmenge, aktuelle Schwellenwerte: %1</translation>
    </message>
    <message>
        <location filename="../ui/thresholds_page.cpp" line="392" />
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location filename="../ui/thresholds_page.cpp" line="394" />
        <source>never tagged</source>
        <translation>nie vergeben</translation>
    </message>
    <message>
        <location filename="../ui/thresholds_page.cpp" line="433" />
        <source>thresholds saved to %1</source>
        <translation>Schwellenwerte in %1 gespeichert</translation>
    </message>
    <message>
        <location filename="../ui/thresholds_page.cpp" line="435" />
        <source>cannot save thresholds: %1</source>
        <translation>Schwellenwerte können nicht gespeichert werden: %1</translation>
    </message>
    <message>
        <location filename="../ui/thresholds_page.cpp" line="442" />
        <source>thresholds from %1</source>
        <translation>Schwellenwerte aus %1</translation>
    </message>
    <message>
        <location filename="../ui/thresholds_page.cpp" line="444" />
        <source>cannot load thresholds: %1</source>
        <translation>Schwellenwerte können nicht geladen werden: %1</translation>
    </message>
    <message>
        <location filename="../ui/thresholds_page.cpp" line="449" />
        <source>Save thresholds</source>
        <translation>Schwellenwerte speichern</translation>
    </message>
    <message>
        <location filename="../ui/thresholds_page.cpp" line="449" />
        <source>JSON (*.json)</source>
        <translation>JSON (*.json)</translation>
    </message>
    <message>
        <location filename="../ui/thresholds_page.cpp" line="455" />
        <source>Load thresholds</source>
        <translation>Schwellenwerte laden</translation>
    </message>
    <message>
        <location filename="../ui/thresholds_page.cpp" line="455" />
        <source>Thresholds (*.json *.csv);;All files (*)</source>
        <translation>Schwellenwerte (*.json *.csv);;Alle Dateien (*)</translation>
    </message>
</context>
<context>
    <name>aia::ui::TrainPage</name>
    <message>
        <location filename="../ui/train_page.cpp" line="95" />
        <source>optional: timm .safetensors or a .pth state_dict</source>
        <translation>optional: timm-.safetensors oder ein .pth-state_dict</translation>
    </message>
    <message>
        <location filename="../ui/train_page.cpp" line="96" />
        <source>Browse...</source>
        <translation>Durchsuchen...</translation>
    </message>
    <message>
        <location filename="../ui/train_page.cpp" line="120" />
        <source>fine-tune the whole network</source>
        <translation>das ganze Netz feinabstimmen</translation>
    </message>
    <message>
        <location filename="../ui/train_page.cpp" line="121" />
        <source>frozen backbone (train the head on cached features)</source>
        <translation>eingefrorenes Backbone (nur den Kopf auf zwischengespeicherten Merkmalen trainieren)</translation>
    </message>
    <message>
        <location filename="../ui/train_page.cpp" line="124" />
        <source>EMA of the weights</source>
        <translation>EMA der Gewichte</translation>
    </message>
    <message>
        <location filename="../ui/train_page.cpp" line="126" />
        <source>Evaluate and keep an exponential moving average of the weights (decay: the head's recipe, 0.9997 for average pooling, 0.99 for attention pooling)</source>
        <translation>Einen exponentiellen gleitenden Mittelwert der Gewichte bewerten und behalten (Abklingrate: das Rezept des Kopfs, 0,9997 für Average Pooling, 0,99 für Attention Pooling)</translation>
    </message>
    <message>
        <location filename="../ui/train_page.cpp" line="128" />
        <source>Mix&amp;up (the follow-up's)</source>
        <translation>Mix&amp;up (aus der Folgearbeit)</translation>
    </message>
    <message>
        <location filename="../ui/train_page.cpp" line="130" />
        <source>Average the first half of every batch with the second half, with the union of their tags</source>
        <translation>Die erste Hälfte jedes Batches mit der zweiten mitteln, mit der Vereinigung ihrer Schlagwörter</translation>
    </message>
    <message>
        <location filename="../ui/train_page.cpp" line="131" />
        <source>Mi&amp;xed precision (bfloat16)</source>
        <translation>Gemischte Präzisio&amp;n (bfloat16)</translation>
    </message>
    <message>
        <location filename="../ui/train_page.cpp" line="143" />
        <source>default: runs/&lt;dataset&gt;-&lt;loss&gt;-&lt;time&gt;</source>
        <translation>Standard: runs/&lt;Datensatz&gt;-&lt;Verlust&gt;-&lt;Zeit&gt;</translation>
    </message>
    <message>
        <location filename="../ui/train_page.cpp" line="144" />
        <source>&amp;Start</source>
        <translation>&amp;Starten</translation>
    </message>
    <message>
        <location filename="../ui/train_page.cpp" line="146" />
        <source>S&amp;top</source>
        <translation>S&amp;toppen</translation>
    </message>
    <message>
        <location filename="../ui/train_page.cpp" line="148" />
        <source>&amp;Resume...</source>
        <translation>&amp;Fortsetzen...</translation>
    </message>
    <message>
        <location filename="../ui/train_page.cpp" line="149" />
        <source>&amp;Load configuration...</source>
        <translation>Konfiguration &amp;laden...</translation>
    </message>
    <message>
        <location filename="../ui/train_page.cpp" line="151" />
        <source>Start from a run's config.json: what you change in the form changes only that field</source>
        <translation>Von der config.json eines Laufs ausgehen: was Sie im Formular ändern, ändert nur dieses Feld</translation>
    </message>
    <message>
        <location filename="../ui/train_page.cpp" line="154" />
        <source>Pick a dataset on the Dataset page.</source>
        <translation>Wählen Sie auf der Seite Datensatz einen Datensatz.</translation>
    </message>
    <message>
        <location filename="../ui/train_page.cpp" line="169" />
        <source>&amp;Loss:</source>
        <translation>&amp;Verlustfunktion:</translation>
    </message>
    <message>
        <location filename="../ui/train_page.cpp" line="170" />
        <source>&amp;Backbone:</source>
        <translation>&amp;Backbone:</translation>
    </message>
    <message>
        <location filename="../ui/train_page.cpp" line="171" />
        <source>&amp;Head:</source>
        <translation>&amp;Kopf:</translation>
    </message>
    <message>
        <location filename="../ui/train_page.cpp" line="175" />
        <source>&amp;Pretrained:</source>
        <translation>&amp;Vortrainiert:</translation>
    </message>
    <message>
        <location filename="../ui/train_page.cpp" line="178" />
        <source>&amp;Epochs:</source>
        <translation>&amp;Epochen:</translation>
    </message>
    <message>
        <location filename="../ui/train_page.cpp" line="179" />
        <source>Batch si&amp;ze:</source>
        <translation>Batch&amp;größe:</translation>
    </message>
    <message>
        <location filename="../ui/train_page.cpp" line="180" />
        <source>Learning &amp;rate:</source>
        <translation>Lern&amp;rate:</translation>
    </message>
    <message>
        <location filename="../ui/train_page.cpp" line="181" />
        <source>&amp;Image size:</source>
        <translation>&amp;Bildgröße:</translation>
    </message>
    <message>
        <location filename="../ui/train_page.cpp" line="182" />
        <source>&amp;Device:</source>
        <translation>&amp;Gerät:</translation>
    </message>
    <message>
        <location filename="../ui/train_page.cpp" line="183" />
        <source>&amp;Mode:</source>
        <translation>&amp;Modus:</translation>
    </message>
    <message>
        <location filename="../ui/train_page.cpp" line="187" />
        <source>&amp;Run folder:</source>
        <translation>&amp;Laufordner:</translation>
    </message>
    <message>
        <location filename="../ui/train_page.cpp" line="204" />
        <location filename="../ui/train_page.cpp" line="213" />
        <source>epoch</source>
        <translation>Epoche</translation>
    </message>
    <message>
        <location filename="../ui/train_page.cpp" line="205" />
        <source>loss</source>
        <translation>Verlust</translation>
    </message>
    <message>
        <location filename="../ui/train_page.cpp" line="206" />
        <source>train loss</source>
        <translation>Trainingsverlust</translation>
    </message>
    <message>
        <location filename="../ui/train_page.cpp" line="333" />
        <source>Cannot load the configuration: %1</source>
        <translation>Die Konfiguration kann nicht geladen werden: %1</translation>
    </message>
    <message>
        <location filename="../ui/train_page.cpp" line="337" />
        <source>Configuration %1 loaded (dataset %2).</source>
        <translation>Konfiguration %1 geladen (Datensatz %2).</translation>
    </message>
    <message>
        <location filename="../ui/train_page.cpp" line="344" />
        <source>Load configuration</source>
        <translation>Konfiguration laden</translation>
    </message>
    <message>
        <location filename="../ui/train_page.cpp" line="344" />
        <source>Configuration (*.json)</source>
        <translation>Konfiguration (*.json)</translation>
    </message>
    <message>
        <location filename="../ui/train_page.cpp" line="467" />
        <source>test loss (the selection split, as in the paper)</source>
        <translation>Testverlust (die Auswahlmenge, wie im Paper)</translation>
    </message>
    <message>
        <location filename="../ui/train_page.cpp" line="209" />
        <source>train loss (smoothed, per batch)</source>
        <translation>Trainingsverlust (geglättet, je Batch)</translation>
    </message>
    <message>
        <location filename="../ui/train_page.cpp" line="219" />
        <source>N+</source>
        <translation>N+</translation>
    </message>
    <message>
        <location filename="../ui/train_page.cpp" line="217" />
        <location filename="../ui/train_page.cpp" line="416" />
        <source>per-class F1</source>
        <translation>F1 je Klasse</translation>
    </message>
    <message>
        <location filename="../ui/train_page.cpp" line="86" />
        <source>average pooling (2023 paper)</source>
        <translation>Average Pooling (Artikel 2023)</translation>
    </message>
    <message>
        <location filename="../ui/train_page.cpp" line="87" />
        <source>attention pooling (2024 follow-up)</source>
        <translation>Attention Pooling (Folgearbeit 2024)</translation>
    </message>
    <message>
        <location filename="../ui/train_page.cpp" line="138" />
        <source>bfloat16 autocast of the forward pass (the losses and metrics stay float32): several times faster than float32 on CPUs with bfloat16 instructions (AVX512_BF16 or AMX), much slower on others. On a GPU: faster, and about 40% of the memory.
This CPU: %1</source>
        <translation>bfloat16-Autocast des Vorwärtsdurchlaufs (Verlustfunktionen und Metriken bleiben float32): auf CPUs mit bfloat16-Befehlen (AVX512_BF16 oder AMX) um ein Mehrfaches schneller als float32, auf anderen viel langsamer. Auf einer GPU: schneller, mit etwa 40 % des Speichers.
Diese CPU: %1</translation>
    </message>
    <message>
        <location filename="../ui/train_page.cpp" line="208" />
        <source>selection-split loss</source>
        <translation>Verlust der Auswahlmenge</translation>
    </message>
    <message>
        <location filename="../ui/train_page.cpp" line="214" />
        <source>F1 (at threshold 0.5)</source>
        <translation>F1 (bei Schwellenwert 0,5)</translation>
    </message>
    <message>
        <location filename="../ui/train_page.cpp" line="216" />
        <source>N+ (labels with a true positive)</source>
        <translation>N+ (Labels mit einem richtig Positiven)</translation>
    </message>
    <message>
        <location filename="../ui/train_page.cpp" line="218" />
        <source>per-image F1</source>
        <translation>F1 je Bild</translation>
    </message>
    <message>
        <location filename="../ui/train_page.cpp" line="265" />
        <source>Pretrained weights</source>
        <translation>Vortrainierte Gewichte</translation>
    </message>
    <message>
        <location filename="../ui/train_page.cpp" line="265" />
        <source>Weights (*.safetensors *.pth *.pt)</source>
        <translation>Gewichte (*.safetensors *.pth *.pt)</translation>
    </message>
    <message>
        <location filename="../ui/train_page.cpp" line="369" />
        <source>%1/runs/&lt;dataset&gt;-&lt;loss&gt;-&lt;time&gt;</source>
        <translation>%1/runs/&lt;Datensatz&gt;-&lt;Verlust&gt;-&lt;Zeit&gt;</translation>
    </message>
    <message>
        <location filename="../ui/train_page.cpp" line="375" />
        <source>Load a dataset with its images first (Dataset page)</source>
        <translation>Zuerst einen Datensatz mit seinen Bildern laden (Seite Datensatz)</translation>
    </message>
    <message>
        <location filename="../ui/train_page.cpp" line="377" />
        <source>Ready to train on %1.</source>
        <translation>Bereit zum Training auf %1.</translation>
    </message>
    <message>
        <location filename="../ui/train_page.cpp" line="378" />
        <source>Pick a dataset with images on the Dataset page.</source>
        <translation>Wählen Sie auf der Seite Datensatz einen Datensatz mit Bildern.</translation>
    </message>
    <message>
        <location filename="../ui/train_page.cpp" line="392" />
        <source>Run folder to resume</source>
        <translation>Fortzusetzender Laufordner</translation>
    </message>
    <message>
        <location filename="../ui/train_page.cpp" line="414" />
        <source>test loss</source>
        <translation>Testverlust</translation>
    </message>
    <message>
        <location filename="../ui/train_page.cpp" line="415" />
        <location filename="../ui/train_page.cpp" line="468" />
        <source>%1 loss</source>
        <translation>Verlust %1</translation>
    </message>
    <message>
        <location filename="../ui/train_page.cpp" line="442" />
        <source>Starting...</source>
        <translation>Start...</translation>
    </message>
    <message>
        <location filename="../ui/train_page.cpp" line="449" />
        <source>Epoch %1/%2, batch %3/%4 — loss %5 — %6 images/s — ETA %7</source>
        <translation>Epoche %1/%2, Batch %3/%4 — Verlust %5 — %6 Bilder/s — Restzeit %7</translation>
    </message>
    <message>
        <location filename="../ui/train_page.cpp" line="460" />
        <source>Extracting features: batch %1/%2</source>
        <translation>Merkmale extrahieren: Batch %1/%2</translation>
    </message>
    <message>
        <location filename="../ui/train_page.cpp" line="484" />
        <source>Failed: %1</source>
        <translation>Fehlgeschlagen: %1</translation>
    </message>
</context>
<context>
    <name>aia::ui::TrainingWorker</name>
    <message>
        <location filename="../ui/training_controller.cpp" line="104" />
        <location filename="../ui/training_controller.cpp" line="118" />
        <location filename="../ui/training_controller.cpp" line="135" />
        <source>unknown error in the training thread</source>
        <translation>unbekannter Fehler im Trainings-Thread</translation>
    </message>
    <message>
        <location filename="../ui/training_controller.cpp" line="127" />
        <source>Experiment: %1 cells finished, %2 failed, %3 not run.</source>
        <translation>Experiment: %1 Zellen fertig, %2 fehlgeschlagen, %3 nicht gelaufen.</translation>
    </message>
</context>
</TS>