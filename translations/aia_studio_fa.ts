<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="fa_IR">
<context>
    <name>QObject</name>
    <message>
        <location filename="../ui/annotate_page.cpp" line="33" />
        <source>edit tags</source>
        <translation>ویرایش برچسب‌ها</translation>
    </message>
    <message>
        <location filename="../ui/browse_page.cpp" line="138" />
        <source>per-image F1 %1</source>
        <translation>F1 هر تصویر %1</translation>
    </message>
    <message>
        <location filename="../ui/thresholds_page.cpp" line="37" />
        <source>threshold of %1</source>
        <translation>آستانهٔ %1</translation>
    </message>
    <message>
        <location filename="../ui/thresholds_page.cpp" line="69" />
        <source>per-class P %1  R %2  F1 %3   per-image P %4  R %5  F1 %6   N+ %7   mAP %8</source>
        <translation>هر کلاس P %1  R %2  F1 %3   هر تصویر P %4  R %5  F1 %6   N+ %7   mAP %8</translation>
    </message>
    <message>
        <location filename="../ui/plot_style.cpp" line="60" />
        <source>Export as &amp;PNG...</source>
        <translation>صدور به &amp;PNG...</translation>
    </message>
    <message>
        <location filename="../ui/plot_style.cpp" line="61" />
        <source>Export as &amp;SVG...</source>
        <translation>صدور به &amp;SVG...</translation>
    </message>
    <message>
        <location filename="../ui/plot_style.cpp" line="62" />
        <source>Export as P&amp;DF...</source>
        <translation>صدور به P&amp;DF...</translation>
    </message>
    <message>
        <location filename="../ui/plot_style.cpp" line="65" />
        <source>Export the plot</source>
        <translation>صدور نمودار</translation>
    </message>
    <message>
        <location filename="../ui/review_page.cpp" line="60" />
        <source>margin to the nearest threshold: %1</source>
        <translation>فاصله تا نزدیک‌ترین آستانه: %1</translation>
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
        <translation>توجه</translation>
    </message>
    <message>
        <location filename="../ui/heatmap_view.cpp" line="28" />
        <source>Attention map of the attention head. Colours: the tag's attention against an even spread, on a log scale (none: even or less; full: all of it on one spot), the same for every tag and image.</source>
        <translation>نقشهٔ توجهِ سرِ توجه. رنگ‌ها: توجهِ برچسب در برابر پخشِ یکنواخت، در مقیاس لگاریتمی (هیچ: یکنواخت یا کمتر؛ کامل: همه روی یک نقطه)، برای هر برچسب و تصویر یکسان.</translation>
    </message>
    <message>
        <location filename="../ui/heatmap_view.cpp" line="31" />
        <source>Class activation map. Colours: the sigmoid of the local logit, on one scale for every tag and image.</source>
        <translation>نقشهٔ فعال‌سازی کلاس. رنگ‌ها: سیگموید لوجیت محلی، با یک مقیاس برای هر برچسب و تصویر.</translation>
    </message>
</context>
<context>
    <name>aia::ui::AnnotatePage</name>
    <message>
        <location filename="../ui/annotate_page.cpp" line="103" />
        <location filename="../ui/annotate_page.cpp" line="221" />
        <source>Drop images or folders here, or use File &gt; Open images (Ctrl+O).</source>
        <translation>تصویرها یا پوشه‌ها را اینجا رها کنید یا از پرونده &gt; باز کردن تصویرها (Ctrl+O) استفاده کنید.</translation>
    </message>
    <message>
        <location filename="../ui/annotate_page.cpp" line="106" />
        <source>image</source>
        <translation>تصویر</translation>
    </message>
    <message>
        <location filename="../ui/annotate_page.cpp" line="106" />
        <source>tags (editable, separated by ;)</source>
        <translation>برچسب‌ها (ویرایش‌پذیر، جداشده با ;)</translation>
    </message>
    <message>
        <location filename="../ui/annotate_page.cpp" line="106" />
        <source>scores</source>
        <translation>امتیازها</translation>
    </message>
    <message>
        <location filename="../ui/annotate_page.cpp" line="77" />
        <location filename="../ui/annotate_page.cpp" line="387" />
        <source>Select an image to see it large.</source>
        <translation>تصویری را برگزینید تا بزرگ دیده شود.</translation>
    </message>
    <message>
        <location filename="../ui/annotate_page.cpp" line="115" />
        <source>&amp;Open images...</source>
        <translation>باز کردن &amp;تصاویر...</translation>
    </message>
    <message>
        <location filename="../ui/annotate_page.cpp" line="116" />
        <source>Write &amp;XMP sidecars</source>
        <translation>نوشتن پرونده‌های &amp;XMP همراه</translation>
    </message>
    <message>
        <location filename="../ui/annotate_page.cpp" line="117" />
        <source>Write the tags into IMAGE.ext.xmp files (dc:subject, digiKam:TagsList) for photo managers</source>
        <translation>برچسب‌ها را در پرونده‌های IMAGE.ext.xmp (dc:subject، digiKam:TagsList) برای برنامه‌های مدیریت عکس بنویس</translation>
    </message>
    <message>
        <location filename="../ui/annotate_page.cpp" line="118" />
        <source>&amp;Clear list</source>
        <translation>&amp;پاک کردن فهرست</translation>
    </message>
    <message>
        <location filename="../ui/annotate_page.cpp" line="119" />
        <source>Remove every image from the list (the files stay)</source>
        <translation>همهٔ تصویرها را از فهرست بردار (پرونده‌ها می‌مانند)</translation>
    </message>
    <message>
        <location filename="../ui/annotate_page.cpp" line="120" />
        <source>&amp;Review as a project...</source>
        <translation>&amp;بازبینی به‌صورت پروژه...</translation>
    </message>
    <message>
        <location filename="../ui/annotate_page.cpp" line="123" />
        <source>Make an annotation project of these images' folders: every edit saved as you go, the most uncertain images first, and training on your corrections (Review page)</source>
        <translation>از پوشه‌های این تصویرها پروژهٔ حاشیه‌نویسی بساز: هر ویرایش همان دم ذخیره می‌شود، نامطمئن‌ترین تصویرها نخست، و آموزش روی اصلاح‌های شما (صفحهٔ بازبینی)</translation>
    </message>
    <message>
        <location filename="../ui/annotate_page.cpp" line="149" />
        <source>skipped file</source>
        <translation>پرونده‌ی ردشده</translation>
    </message>
    <message>
        <location filename="../ui/annotate_page.cpp" line="149" />
        <source>reason</source>
        <translation>دلیل</translation>
    </message>
    <message>
        <location filename="../ui/annotate_page.cpp" line="151" />
        <source>Files under the dropped folders that were not tagged, and why</source>
        <translation>پرونده‌هایی در پوشه‌های رهاشده که برچسب نخوردند، و دلیل آن</translation>
    </message>
    <message>
        <location filename="../ui/annotate_page.cpp" line="84" />
        <source>Show where in the image the model sees the chosen tag</source>
        <translation>نشان بده مدل برچسب برگزیده را کجای تصویر می‌بیند</translation>
    </message>
    <message>
        <location filename="../ui/annotate_page.cpp" line="92" />
        <source>&amp;Heatmap:</source>
        <translation>&amp;نقشهٔ حرارتی:</translation>
    </message>
    <message>
        <location filename="../ui/annotate_page.cpp" line="193" />
        <source>Images to annotate</source>
        <translation>تصویرهای برچسب‌زنی</translation>
    </message>
    <message>
        <location filename="../ui/annotate_page.cpp" line="209" />
        <source>no trained run to annotate with: train one or open a run folder (File &gt; Open run)</source>
        <translation>اجرای آموزش‌دیده‌ای برای برچسب‌زنی نیست: یکی آموزش دهید یا پوشهٔ اجرایی باز کنید (پرونده &gt; باز کردن اجرا)</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/annotate_page.cpp" line="215" />
        <source>Annotating %n image(s)...</source>
        <translation><numerusform>برچسب‌زنی %n تصویر...</numerusform></translation>
    </message>
    <message>
        <location filename="../ui/annotate_page.cpp" line="229" />
        <source>cannot annotate: %1</source>
        <translation>برچسب‌زنی ممکن نیست: %1</translation>
    </message>
    <message>
        <location filename="../ui/annotate_page.cpp" line="234" />
        <source>model loaded for annotation: %1</source>
        <translation>مدل برای برچسب‌گذاری بارگذاری شد: %1</translation>
    </message>
    <message>
        <location filename="../ui/annotate_page.cpp" line="371" />
        <source>no heatmap</source>
        <translation>بدون نقشهٔ حرارتی</translation>
    </message>
    <message>
        <location filename="../ui/annotate_page.cpp" line="401" />
        <source>Cannot show %1</source>
        <translation>نمایش %1 ممکن نیست</translation>
    </message>
    <message>
        <location filename="../ui/annotate_page.cpp" line="419" />
        <source>no heatmap: %1</source>
        <translation>بدون نقشهٔ حرارتی: %1</translation>
    </message>
    <message>
        <location filename="../ui/annotate_page.cpp" line="202" />
        <location filename="../ui/annotate_page.cpp" line="278" />
        <source>skipped %1: %2</source>
        <translation>رد شد %1: %2</translation>
    </message>
    <message>
        <location filename="../ui/annotate_page.cpp" line="193" />
        <source>Images (%1)</source>
        <translation>تصویرها (%1)</translation>
    </message>
    <message>
        <location filename="../ui/annotate_page.cpp" line="224" />
        <source>the run changed while annotating; annotating again with %1</source>
        <translation>اجرا هنگام برچسب‌زنی عوض شد؛ برچسب‌زنی دوباره با %1</translation>
    </message>
    <message>
        <location filename="../ui/annotate_page.cpp" line="241" />
        <source>this run has another vocabulary: the scores of the images listed before are dropped</source>
        <translation>این اجرا واژگان دیگری دارد: امتیازهای تصویرهای فهرست‌شدهٔ پیشین کنار گذاشته می‌شوند</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/annotate_page.cpp" line="308" />
        <source>annotated %n image(s)</source>
        <translation><numerusform>%n تصویر برچسب خورد</numerusform></translation>
    </message>
    <message>
        <location filename="../ui/annotate_page.cpp" line="356" />
        <source>cannot write the sidecar of %1: %2</source>
        <translation>نوشتن پروندهٔ همراه %1 ممکن نیست: %2</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/annotate_page.cpp" line="359" />
        <source>wrote %n XMP sidecar(s)</source>
        <translation><numerusform>%n پروندهٔ XMP همراه نوشته شد</numerusform></translation>
    </message>
</context>
<context>
    <name>aia::ui::BrowsePage</name>
    <message>
        <location filename="../ui/browse_page.cpp" line="145" />
        <source>by file name</source>
        <translation>بر پایهٔ نام پرونده</translation>
    </message>
    <message>
        <location filename="../ui/browse_page.cpp" line="145" />
        <source>by per-image F1, worst first</source>
        <translation>بر پایهٔ F1 هر تصویر، بدترین نخست</translation>
    </message>
    <message>
        <location filename="../ui/browse_page.cpp" line="145" />
        <source>by per-image F1, best first</source>
        <translation>بر پایهٔ F1 هر تصویر، بهترین نخست</translation>
    </message>
    <message>
        <location filename="../ui/browse_page.cpp" line="159" />
        <location filename="../ui/browse_page.cpp" line="315" />
        <source>Select an image.</source>
        <translation>تصویری برگزینید.</translation>
    </message>
    <message>
        <location filename="../ui/browse_page.cpp" line="166" />
        <location filename="../ui/browse_page.cpp" line="225" />
        <source>Where in the image the model sees this tag (class activation map)</source>
        <translation>مدل این برچسب را کجای تصویر می‌بیند (نقشهٔ فعال‌سازی کلاس)</translation>
    </message>
    <message>
        <location filename="../ui/browse_page.cpp" line="171" />
        <source>Heatmap opacity</source>
        <translation>کدری نقشهٔ حرارتی</translation>
    </message>
    <message>
        <location filename="../ui/browse_page.cpp" line="222" />
        <source>CAM is exact for this network (a map's mean is the tag's logit); Grad-CAM is the same map with its negative evidence clipped</source>
        <translation>CAM برای این شبکه دقیق است (میانگین نقشه همان لاجیت برچسب است)؛ Grad-CAM همان نقشه با شواهد منفیِ بریده‌شده است</translation>
    </message>
    <message>
        <location filename="../ui/browse_page.cpp" line="178" />
        <source>&amp;Heatmap:</source>
        <translation>&amp;نقشهٔ حرارتی:</translation>
    </message>
    <message>
        <location filename="../ui/browse_page.cpp" line="182" />
        <source>Opacity:</source>
        <translation>کدری:</translation>
    </message>
    <message>
        <location filename="../ui/browse_page.cpp" line="192" />
        <source>Label:</source>
        <translation>برچسب:</translation>
    </message>
    <message>
        <location filename="../ui/browse_page.cpp" line="194" />
        <source>Sort:</source>
        <translation>مرتب‌سازی:</translation>
    </message>
    <message>
        <location filename="../ui/browse_page.cpp" line="220" />
        <source>This run's attention head draws its own attention, averaged over its heads; the CAM identity of the gap head does not hold for it</source>
        <translation>سرِ توجهِ این اجرا توجهِ خودش را می‌کشد، میانگین روی سرهایش؛ همانیِ CAM سرِ GAP برای آن برقرار نیست</translation>
    </message>
    <message>
        <location filename="../ui/browse_page.cpp" line="224" />
        <source>Where in the image this tag's query attends (the attention head's weights)</source>
        <translation>پرسشِ این برچسب به کجای تصویر توجه می‌کند (وزن‌های سرِ توجه)</translation>
    </message>
    <message>
        <location filename="../ui/browse_page.cpp" line="233" />
        <source>all labels</source>
        <translation>همهٔ برچسب‌ها</translation>
    </message>
    <message>
        <location filename="../ui/browse_page.cpp" line="264" />
        <source>no heatmap</source>
        <translation>بدون نقشهٔ حرارتی</translation>
    </message>
    <message>
        <location filename="../ui/browse_page.cpp" line="284" />
        <source>per-image F1 %1</source>
        <translation>F1 هر تصویر %1</translation>
    </message>
    <message>
        <location filename="../ui/browse_page.cpp" line="353" />
        <source>Cannot show %1</source>
        <translation>نمایش %1 ممکن نیست</translation>
    </message>
    <message>
        <location filename="../ui/browse_page.cpp" line="294" />
        <location filename="../ui/browse_page.cpp" line="304" />
        <source>true positive</source>
        <translation>مثبت درست</translation>
    </message>
    <message>
        <location filename="../ui/browse_page.cpp" line="294" />
        <location filename="../ui/browse_page.cpp" line="304" />
        <source>false positive</source>
        <translation>مثبت نادرست</translation>
    </message>
    <message>
        <location filename="../ui/browse_page.cpp" line="294" />
        <location filename="../ui/browse_page.cpp" line="305" />
        <source>missed</source>
        <translation>از دست رفته</translation>
    </message>
</context>
<context>
    <name>aia::ui::ChipEditor</name>
    <message>
        <location filename="../ui/chip_editor.cpp" line="20" />
        <source>  (imported)</source>
        <translation>  (واردشده)</translation>
    </message>
    <message>
        <location filename="../ui/chip_editor.cpp" line="21" />
        <source>  (kept)</source>
        <translation>  (نگه‌داشته)</translation>
    </message>
    <message>
        <location filename="../ui/chip_editor.cpp" line="22" />
        <source>  (added)</source>
        <translation>  (افزوده)</translation>
    </message>
    <message>
        <location filename="../ui/chip_editor.cpp" line="23" />
        <source>  (auto-accepted)</source>
        <translation>  (پذیرش خودکار)</translation>
    </message>
    <message>
        <location filename="../ui/chip_editor.cpp" line="28" />
        <source>Likely label error: kept, but the model scores it %1 (threshold %2)</source>
        <translation>خطای احتمالی برچسب: نگه داشته شده، ولی امتیاز مدل %1 است (آستانه %2)</translation>
    </message>
    <message>
        <location filename="../ui/chip_editor.cpp" line="29" />
        <source>Likely label error: left out, but the model scores it %1 (threshold %2)</source>
        <translation>خطای احتمالی برچسب: کنار گذاشته شده، ولی امتیاز مدل %1 است (آستانه %2)</translation>
    </message>
    <message>
        <location filename="../ui/chip_editor.cpp" line="47" />
        <source>Type to add a tag (completion from the vocabulary); Enter adds it</source>
        <translation>برای افزودن برچسب بنویسید (تکمیل از واژگان)؛ Enter آن را می‌افزاید</translation>
    </message>
    <message>
        <location filename="../ui/chip_editor.cpp" line="80" />
        <source>A tag of this image; click or press its number to reject it</source>
        <translation>برچسبی از این تصویر؛ برای رد آن کلیک کنید یا شماره‌اش را بزنید</translation>
    </message>
    <message>
        <location filename="../ui/chip_editor.cpp" line="81" />
        <source>Not a tag of this image; click or press its number to accept it</source>
        <translation>برچسب این تصویر نیست؛ برای پذیرش آن کلیک کنید یا شماره‌اش را بزنید</translation>
    </message>
</context>
<context>
    <name>aia::ui::DatasetPage</name>
    <message>
        <location filename="../ui/dataset_page.cpp" line="41" />
        <source>Demo (Fashion-MNIST mosaics)</source>
        <translation>نمایشی (موزاییک‌های Fashion-MNIST)</translation>
    </message>
    <message>
        <location filename="../ui/dataset_page.cpp" line="42" />
        <source>Demo, long-tailed labels</source>
        <translation>نمایشی، برچسب‌های دم‌بلند</translation>
    </message>
    <message>
        <location filename="../ui/dataset_page.cpp" line="47" />
        <source>Open &amp;folder...</source>
        <translation>باز کردن &amp;پوشه...</translation>
    </message>
    <message>
        <location filename="../ui/dataset_page.cpp" line="48" />
        <source>No dataset loaded.</source>
        <translation>هیچ مجموعه داده‌ای بارگذاری نشده است.</translation>
    </message>
    <message>
        <location filename="../ui/dataset_page.cpp" line="55" />
        <source>labels, most frequent first</source>
        <translation>برچسب‌ها، پرتکرارترین نخست</translation>
    </message>
    <message>
        <location filename="../ui/dataset_page.cpp" line="56" />
        <location filename="../ui/dataset_page.cpp" line="91" />
        <source>training images</source>
        <translation>تصاویر آموزشی</translation>
    </message>
    <message>
        <location filename="../ui/dataset_page.cpp" line="59" />
        <source>Validation report</source>
        <translation>گزارش اعتبارسنجی</translation>
    </message>
    <message>
        <location filename="../ui/dataset_page.cpp" line="62" />
        <source>&amp;Dataset:</source>
        <translation>&amp;مجموعه داده:</translation>
    </message>
    <message>
        <location filename="../ui/dataset_page.cpp" line="90" />
        <source>labels per training image</source>
        <translation>برچسب در هر تصویر آموزشی</translation>
    </message>
    <message>
        <location filename="../ui/dataset_page.cpp" line="99" />
        <source>Point at a cell: the two labels and how many training images carry both (the diagonal, a label's own count, is off the colour scale).</source>
        <translation>روی خانه‌ای اشاره کنید: دو برچسب و شمار تصویرهای آموزشی که هر دو را دارند (قطر، شمار خود برچسب، بیرون از مقیاس رنگ است).</translation>
    </message>
    <message>
        <location filename="../ui/dataset_page.cpp" line="114" />
        <source>Re&amp;shuffle</source>
        <translation>&amp;بُر زدن دوباره</translation>
    </message>
    <message>
        <location filename="../ui/dataset_page.cpp" line="115" />
        <source>Show other training images</source>
        <translation>نمایش تصویرهای آموزشی دیگر</translation>
    </message>
    <message>
        <location filename="../ui/dataset_page.cpp" line="120" />
        <source>Label frequency</source>
        <translation>بسامد برچسب</translation>
    </message>
    <message>
        <location filename="../ui/dataset_page.cpp" line="121" />
        <source>Labels per image</source>
        <translation>برچسب در هر تصویر</translation>
    </message>
    <message>
        <location filename="../ui/dataset_page.cpp" line="122" />
        <source>Co-occurrence</source>
        <translation>هم‌رخدادی</translation>
    </message>
    <message>
        <location filename="../ui/dataset_page.cpp" line="123" />
        <source>Gallery</source>
        <translation>نگارخانه</translation>
    </message>
    <message>
        <location filename="../ui/dataset_page.cpp" line="131" />
        <source>Dataset folder (train.json + test.json + images/)</source>
        <translation>پوشهٔ مجموعه‌داده (train.json + test.json + images/)</translation>
    </message>
    <message>
        <location filename="../ui/dataset_page.cpp" line="145" />
        <source>Loading %1...</source>
        <translation>بار کردن %1...</translation>
    </message>
    <message>
        <location filename="../ui/dataset_page.cpp" line="169" />
        <source>Cannot use %1: %2</source>
        <translation>استفاده از %1 ممکن نیست: %2</translation>
    </message>
    <message>
        <location filename="../ui/dataset_page.cpp" line="181" />
        <source>&lt;b&gt;%1&lt;/b&gt; — %2 training, %3 test images with their files present; %4 labels; %5 labels per training image; normalisation: %6</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; — %2 تصویر آموزشی و %3 تصویر آزمون با پرونده‌های موجود؛ %4 برچسب؛ %5 برچسب در هر تصویر آموزشی؛ نرمال‌سازی: %6</translation>
    </message>
    <message>
        <location filename="../ui/dataset_page.cpp" line="189" />
        <source>computed from the training images when training starts</source>
        <translation>هنگام شروع آموزش از تصویرهای آموزشی محاسبه می‌شود</translation>
    </message>
    <message>
        <location filename="../ui/dataset_page.cpp" line="195" />
        <source>No training image was found in %1: put the images there to train.
</source>
        <translation>هیچ تصویر آموزشی در %1 یافت نشد: برای آموزش، تصویرها را آنجا بگذارید.
</translation>
    </message>
    <message>
        <location filename="../ui/dataset_page.cpp" line="199" />
        <source>dataset %1: %2</source>
        <translation>مجموعه‌دادهٔ %1: %2</translation>
    </message>
    <message>
        <location filename="../ui/dataset_page.cpp" line="283" />
        <source>images with both labels</source>
        <translation>تصویرهای دارای هر دو برچسب</translation>
    </message>
    <message>
        <location filename="../ui/dataset_page.cpp" line="320" />
        <source>%1: %2 training images</source>
        <translation>%1: %2 تصویر آموزشی</translation>
    </message>
    <message>
        <location filename="../ui/dataset_page.cpp" line="321" />
        <source>%1 and %2: %3 training images</source>
        <translation>%1 و %2: %3 تصویر آموزشی</translation>
    </message>
</context>
<context>
    <name>aia::ui::ExperimentsPage</name>
    <message>
        <location filename="../ui/experiments_page.cpp" line="37" />
        <source>waiting</source>
        <translation>در انتظار</translation>
    </message>
    <message>
        <location filename="../ui/experiments_page.cpp" line="39" />
        <source>interrupted (resumes)</source>
        <translation>قطع‌شده (ادامه می‌یابد)</translation>
    </message>
    <message>
        <location filename="../ui/experiments_page.cpp" line="41" />
        <source>running</source>
        <translation>در حال اجرا</translation>
    </message>
    <message>
        <location filename="../ui/experiments_page.cpp" line="43" />
        <source>finished</source>
        <translation>پایان‌یافته</translation>
    </message>
    <message>
        <location filename="../ui/experiments_page.cpp" line="45" />
        <source>failed</source>
        <translation>ناموفق</translation>
    </message>
    <message>
        <location filename="../ui/experiments_page.cpp" line="85" />
        <source>Losses:</source>
        <translation>توابع زیان:</translation>
    </message>
    <message>
        <location filename="../ui/experiments_page.cpp" line="95" />
        <source>(none ticked: the Train page's head; two: each cell once per head)</source>
        <translation>(هیچ‌کدام: سرِ صفحهٔ آموزش؛ دو: هر خانه یک بار برای هر سر)</translation>
    </message>
    <message>
        <location filename="../ui/experiments_page.cpp" line="97" />
        <source>Heads:</source>
        <translation>سرها:</translation>
    </message>
    <message>
        <location filename="../ui/experiments_page.cpp" line="99" />
        <source>Comma-separated seeds: each loss trains once per seed</source>
        <translation>بذرها با ویرگول جدا می‌شوند: هر تابع زیان یک بار برای هر بذر آموزش می‌بیند</translation>
    </message>
    <message>
        <location filename="../ui/experiments_page.cpp" line="101" />
        <source>&amp;Seeds:</source>
        <translation>&amp;بذرها:</translation>
    </message>
    <message>
        <location filename="../ui/experiments_page.cpp" line="103" />
        <source>experiments/&lt;dataset&gt;-&lt;date and time&gt;</source>
        <translation>experiments/&lt;مجموعه‌داده&gt;-&lt;تاریخ و زمان&gt;</translation>
    </message>
    <message>
        <location filename="../ui/experiments_page.cpp" line="104" />
        <source>&amp;Folder:</source>
        <translation>&amp;پوشه:</translation>
    </message>
    <message>
        <location filename="../ui/experiments_page.cpp" line="105" />
        <source>Recipe:</source>
        <translation>دستور:</translation>
    </message>
    <message>
        <location filename="../ui/experiments_page.cpp" line="105" />
        <source>the Train page's settings, on the Dataset page's dataset</source>
        <translation>تنظیمات صفحهٔ آموزش، روی مجموعه‌دادهٔ صفحهٔ مجموعه‌داده</translation>
    </message>
    <message>
        <location filename="../ui/experiments_page.cpp" line="107" />
        <source>S&amp;tart experiment</source>
        <translation>&amp;شروع آزمایش</translation>
    </message>
    <message>
        <location filename="../ui/experiments_page.cpp" line="108" />
        <source>Sto&amp;p</source>
        <translation>&amp;توقف</translation>
    </message>
    <message>
        <location filename="../ui/experiments_page.cpp" line="109" />
        <source>&amp;Resume or open...</source>
        <translation>&amp;ادامه یا باز کردن...</translation>
    </message>
    <message>
        <location filename="../ui/experiments_page.cpp" line="110" />
        <source>Export &amp;table...</source>
        <translation>صدور &amp;جدول...</translation>
    </message>
    <message>
        <location filename="../ui/experiments_page.cpp" line="111" />
        <source>Export p&amp;lots...</source>
        <translation>صدور &amp;نمودارها...</translation>
    </message>
    <message>
        <location filename="../ui/experiments_page.cpp" line="129" />
        <source>Cell</source>
        <translation>خانه</translation>
    </message>
    <message>
        <location filename="../ui/experiments_page.cpp" line="129" />
        <location filename="../ui/experiments_page.cpp" line="140" />
        <source>Loss</source>
        <translation>تابع زیان</translation>
    </message>
    <message>
        <location filename="../ui/experiments_page.cpp" line="129" />
        <source>Seed</source>
        <translation>بذر</translation>
    </message>
    <message>
        <location filename="../ui/experiments_page.cpp" line="129" />
        <source>State</source>
        <translation>وضعیت</translation>
    </message>
    <message>
        <location filename="../ui/experiments_page.cpp" line="129" />
        <source>Progress</source>
        <translation>پیشرفت</translation>
    </message>
    <message>
        <location filename="../ui/experiments_page.cpp" line="140" />
        <source>Seeds</source>
        <translation>بذرها</translation>
    </message>
    <message>
        <location filename="../ui/experiments_page.cpp" line="155" />
        <source>per-class F1, 95% interval</source>
        <translation>F1 هر کلاس، بازهٔ ۹۵٪</translation>
    </message>
    <message>
        <location filename="../ui/experiments_page.cpp" line="156" />
        <source>Per-class F1 by loss; whiskers: the 95% paired-bootstrap interval over test images</source>
        <translation>F1 هر کلاس بر پایهٔ تابع زیان؛ خط‌ها: بازهٔ ۹۵٪ بوت‌استرپ جفتی روی تصویرهای آزمون</translation>
    </message>
    <message>
        <location filename="../ui/experiments_page.cpp" line="165" />
        <source>label frequency (positives among the test images)</source>
        <translation>بسامد برچسب (مثبت‌ها در میان تصویرهای آزمون)</translation>
    </message>
    <message>
        <location filename="../ui/experiments_page.cpp" line="167" />
        <source>The loss plotted against the baseline, label by label</source>
        <translation>تابع زیان در برابر پایه، برچسب به برچسب</translation>
    </message>
    <message>
        <location filename="../ui/experiments_page.cpp" line="170" />
        <source>Thresholds:</source>
        <translation>آستانه‌ها:</translation>
    </message>
    <message>
        <location filename="../ui/experiments_page.cpp" line="173" />
        <source>Per label:</source>
        <translation>برای هر برچسب:</translation>
    </message>
    <message>
        <location filename="../ui/experiments_page.cpp" line="199" />
        <source>Export the report table</source>
        <translation>صدور جدول گزارش</translation>
    </message>
    <message>
        <location filename="../ui/experiments_page.cpp" line="200" />
        <source>Markdown (*.md);;CSV (*.csv);;LaTeX (*.tex)</source>
        <translation>Markdown (*.md);;CSV (*.csv);;LaTeX (*.tex)</translation>
    </message>
    <message>
        <location filename="../ui/experiments_page.cpp" line="204" />
        <source>Export the plots (PNG, SVG and PDF)</source>
        <translation>صدور نمودارها (PNG، SVG و PDF)</translation>
    </message>
    <message>
        <location filename="../ui/experiments_page.cpp" line="221" />
        <source>Report: %1</source>
        <translation>گزارش: %1</translation>
    </message>
    <message>
        <location filename="../ui/experiments_page.cpp" line="246" />
        <source>%1/experiments/&lt;dataset&gt;-&lt;date and time&gt;</source>
        <translation>%1/experiments/&lt;مجموعه‌داده&gt;-&lt;تاریخ و زمان&gt;</translation>
    </message>
    <message>
        <location filename="../ui/experiments_page.cpp" line="260" />
        <source>Load a dataset with its images first (Dataset page)</source>
        <translation>نخست مجموعه‌داده‌ای را با تصویرهایش بار کنید (صفحهٔ مجموعه‌داده)</translation>
    </message>
    <message>
        <location filename="../ui/experiments_page.cpp" line="287" />
        <source>Cannot start: %1</source>
        <translation>شروع ممکن نیست: %1</translation>
    </message>
    <message>
        <location filename="../ui/experiments_page.cpp" line="297" />
        <source>Experiment folder to resume or open</source>
        <translation>پوشهٔ آزمایش برای ادامه یا باز کردن</translation>
    </message>
    <message>
        <location filename="../ui/experiments_page.cpp" line="317" />
        <source>Cannot open %1: %2</source>
        <translation>باز کردن %1 ممکن نیست: %2</translation>
    </message>
    <message>
        <location filename="../ui/experiments_page.cpp" line="349" />
        <source>%1: %2 of %3 cells finished.</source>
        <translation>%1: %2 از %3 خانه پایان یافت.</translation>
    </message>
    <message>
        <location filename="../ui/experiments_page.cpp" line="361" />
        <source>Cell %1 of %2: %3 (its live curves are on the Train page).</source>
        <translation>خانهٔ %1 از %2: %3 (منحنی‌های زنده‌اش در صفحهٔ آموزش است).</translation>
    </message>
    <message>
        <location filename="../ui/experiments_page.cpp" line="369" />
        <source>%1% (epoch %2/%3)</source>
        <translation>%1٪ (دورهٔ %2/%3)</translation>
    </message>
    <message>
        <location filename="../ui/experiments_page.cpp" line="389" />
        <source>Stopped: %1 Resume continues where it stopped.</source>
        <translation>متوقف شد: %1 «ادامه» از همان‌جا پی می‌گیرد.</translation>
    </message>
    <message>
        <location filename="../ui/experiments_page.cpp" line="435" />
        <source>%1 (published %2, not ours)</source>
        <translation>%1 (منتشرشده %2، نه از ما)</translation>
    </message>
    <message>
        <location filename="../ui/experiments_page.cpp" line="436" />
        <source>%1, %2 head</source>
        <translation>%1، سرِ %2</translation>
    </message>
    <message>
        <location filename="../ui/experiments_page.cpp" line="446" />
        <source>The paired bootstrap needs the baseline and another loss finished on the same seed.</source>
        <translation>بوت‌استرپ جفتی به پایه و تابع زیان دیگری نیاز دارد که با همان بذر پایان یافته باشند.</translation>
    </message>
    <message>
        <location filename="../ui/experiments_page.cpp" line="527" />
        <location filename="../ui/experiments_page.cpp" line="528" />
        <source>per-label F1, %1</source>
        <translation>F1 هر برچسب، %1</translation>
    </message>
    <message>
        <location filename="../ui/experiments_page.cpp" line="535" />
        <source>equal F1</source>
        <translation>F1 برابر</translation>
    </message>
    <message>
        <location filename="../ui/experiments_page.cpp" line="555" />
        <source>support %1</source>
        <translation>پشتیبانی %1</translation>
    </message>
    <message>
        <location filename="../ui/experiments_page.cpp" line="555" />
        <source>support %1-%2</source>
        <translation>پشتیبانی %1-%2</translation>
    </message>
    <message>
        <location filename="../ui/experiments_page.cpp" line="568" />
        <source>F1 gain, %1 − %2</source>
        <translation>بهبود F1، %1 − %2</translation>
    </message>
    <message>
        <location filename="../ui/experiments_page.cpp" line="574" />
        <source>labels</source>
        <translation>برچسب‌ها</translation>
    </message>
    <message>
        <location filename="../ui/experiments_page.cpp" line="585" />
        <source>mean per frequency bin</source>
        <translation>میانگین هر دستهٔ بسامد</translation>
    </message>
    <message>
        <location filename="../ui/experiments_page.cpp" line="592" />
        <source>no gain</source>
        <translation>بدون بهبود</translation>
    </message>
    <message>
        <location filename="../ui/experiments_page.cpp" line="611" />
        <source>Wrote %1</source>
        <translation>%1 نوشته شد</translation>
    </message>
    <message>
        <location filename="../ui/experiments_page.cpp" line="613" />
        <source>Cannot write %1: %2</source>
        <translation>نوشتن %1 ممکن نیست: %2</translation>
    </message>
    <message>
        <location filename="../ui/experiments_page.cpp" line="627" />
        <source>Wrote the plots as %1-*.png, .svg and .pdf</source>
        <translation>نمودارها به صورت %1-*.png، .svg و .pdf نوشته شدند</translation>
    </message>
    <message>
        <location filename="../ui/experiments_page.cpp" line="628" />
        <source>Could not write every plot under %1</source>
        <translation>نوشتن همهٔ نمودارها در %1 ممکن نشد</translation>
    </message>
</context>
<context>
    <name>aia::ui::GetModelDialog</name>
    <message>
        <location filename="../ui/get_model_dialog.cpp" line="33" />
        <source>Get a published model</source>
        <translation>دریافت یک مدل منتشرشده</translation>
    </message>
    <message>
        <location filename="../ui/get_model_dialog.cpp" line="39" />
        <source>Another model on the Hub</source>
        <translation>مدلی دیگر در Hub</translation>
    </message>
    <message>
        <location filename="../ui/get_model_dialog.cpp" line="39" />
        <source>a timm weight file in any repo: ORG/NAME[@REVISION]</source>
        <translation>یک پروندهٔ وزن timm در هر مخزنی: ORG/NAME[@REVISION]</translation>
    </message>
    <message>
        <location filename="../ui/get_model_dialog.cpp" line="42" />
        <source>ORG/NAME[@REVISION]</source>
        <translation>ORG/NAME[@REVISION]</translation>
    </message>
    <message>
        <location filename="../ui/get_model_dialog.cpp" line="45" />
        <source>optional: else the repo's config.json label_names</source>
        <translation>اختیاری: وگرنه label_names پروندهٔ config.json مخزن</translation>
    </message>
    <message>
        <location filename="../ui/get_model_dialog.cpp" line="58" />
        <source>Cache: %1 (shared with Python's huggingface_hub)</source>
        <translation>حافظهٔ نهان: %1 (مشترک با huggingface_hub پایتون)</translation>
    </message>
    <message>
        <location filename="../ui/get_model_dialog.cpp" line="61" />
        <source>&amp;Get</source>
        <translation>&amp;دریافت</translation>
    </message>
    <message>
        <location filename="../ui/get_model_dialog.cpp" line="64" />
        <location filename="../ui/get_model_dialog.cpp" line="126" />
        <source>Close</source>
        <translation>بستن</translation>
    </message>
    <message>
        <location filename="../ui/get_model_dialog.cpp" line="67" />
        <source>Browse...</source>
        <translation>مرور...</translation>
    </message>
    <message>
        <location filename="../ui/get_model_dialog.cpp" line="71" />
        <source>Class names</source>
        <translation>نام رده‌ها</translation>
    </message>
    <message>
        <location filename="../ui/get_model_dialog.cpp" line="71" />
        <source>Text (*.txt)</source>
        <translation>متن (*.txt)</translation>
    </message>
    <message>
        <location filename="../ui/get_model_dialog.cpp" line="75" />
        <source>&amp;Model:</source>
        <translation>&amp;مدل:</translation>
    </message>
    <message>
        <location filename="../ui/get_model_dialog.cpp" line="77" />
        <source>&amp;Repo:</source>
        <translation>&amp;مخزن:</translation>
    </message>
    <message>
        <location filename="../ui/get_model_dialog.cpp" line="78" />
        <source>&amp;Class names (one per line):</source>
        <translation>&amp;نام رده‌ها (هر سطر یکی):</translation>
    </message>
    <message>
        <location filename="../ui/get_model_dialog.cpp" line="81" />
        <source>Run &amp;folder to make:</source>
        <translation>&amp;پوشهٔ اجرایی که ساخته می‌شود:</translation>
    </message>
    <message>
        <location filename="../ui/get_model_dialog.cpp" line="126" />
        <source>Cancel</source>
        <translation>لغو</translation>
    </message>
    <message>
        <location filename="../ui/get_model_dialog.cpp" line="138" />
        <source>Asking the Hub for %1...</source>
        <translation>پرسیدن %1 از Hub...</translation>
    </message>
    <message>
        <location filename="../ui/get_model_dialog.cpp" line="162" />
        <source>Cancelled; the part fetched is kept, and Get resumes it.</source>
        <translation>لغو شد؛ بخش دریافت‌شده نگه داشته می‌شود و «دریافت» آن را ادامه می‌دهد.</translation>
    </message>
    <message>
        <location filename="../ui/get_model_dialog.cpp" line="175" />
        <source>made run %1 from %2 (%3): %4 labels from %5. %6</source>
        <translation>اجرای %1 از %2 ساخته شد (%3): %4 برچسب از %5. %6</translation>
    </message>
    <message>
        <location filename="../ui/get_model_dialog.cpp" line="177" />
        <source>from the cache</source>
        <translation>از حافظهٔ نهان</translation>
    </message>
    <message>
        <location filename="../ui/get_model_dialog.cpp" line="177" />
        <source>downloaded</source>
        <translation>دریافت‌شده</translation>
    </message>
    <message>
        <location filename="../ui/get_model_dialog.cpp" line="192" />
        <source>Cancelling...</source>
        <translation>در حال لغو...</translation>
    </message>
</context>
<context>
    <name>aia::ui::ImportModelDialog</name>
    <message>
        <location filename="../ui/model_transfer.cpp" line="83" />
        <source>New run from a published model</source>
        <translation>اجرای تازه از یک مدل منتشرشده</translation>
    </message>
    <message>
        <location filename="../ui/model_transfer.cpp" line="97" />
        <source>The input size the model was trained at (timm's tresnet_m.miil_in21k: 224)</source>
        <translation>اندازه‌ی ورودی‌ای که مدل با آن آموزش دیده است (tresnet_m.miil_in21k در timm: ۲۲۴)</translation>
    </message>
    <message>
        <location filename="../ui/model_transfer.cpp" line="100" />
        <source>Browse...</source>
        <translation>مرور...</translation>
    </message>
    <message>
        <location filename="../ui/model_transfer.cpp" line="116" />
        <source>&amp;Weights (model.safetensors):</source>
        <translation>&amp;وزن‌ها (model.safetensors):</translation>
    </message>
    <message>
        <location filename="../ui/model_transfer.cpp" line="117" />
        <source>Weights</source>
        <translation>وزن‌ها</translation>
    </message>
    <message>
        <location filename="../ui/model_transfer.cpp" line="117" />
        <source>Weights (*.safetensors *.pth *.pt)</source>
        <translation>وزن‌ها (*.safetensors *.pth *.pt)</translation>
    </message>
    <message>
        <location filename="../ui/model_transfer.cpp" line="118" />
        <source>&amp;Class names (one per line):</source>
        <translation>&amp;نام رده‌ها (هر سطر یکی):</translation>
    </message>
    <message>
        <location filename="../ui/model_transfer.cpp" line="118" />
        <source>Class names</source>
        <translation>نام رده‌ها</translation>
    </message>
    <message>
        <location filename="../ui/model_transfer.cpp" line="118" />
        <source>Text (*.txt)</source>
        <translation>متن (*.txt)</translation>
    </message>
    <message>
        <location filename="../ui/model_transfer.cpp" line="119" />
        <source>Run &amp;folder to make:</source>
        <translation>&amp;پوشهٔ اجرایی که ساخته می‌شود:</translation>
    </message>
    <message>
        <location filename="../ui/model_transfer.cpp" line="120" />
        <source>&amp;Backbone:</source>
        <translation>&amp;ستون فقرات:</translation>
    </message>
    <message>
        <location filename="../ui/model_transfer.cpp" line="121" />
        <source>&amp;Input size:</source>
        <translation>اندازه‌ی &amp;ورودی:</translation>
    </message>
</context>
<context>
    <name>aia::ui::MainWindow</name>
    <message>
        <location filename="../ui/main_window.cpp" line="43" />
        <source>AIA Studio</source>
        <translation>استودیو AIA</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="54" />
        <source>&amp;Dataset</source>
        <translation>&amp;مجموعه داده</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="55" />
        <source>&amp;Train</source>
        <translation>&amp;آموزش</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="56" />
        <source>&amp;Browse</source>
        <translation>&amp;مرور</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="57" />
        <source>T&amp;hresholds</source>
        <translation>&amp;آستانه‌ها</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="58" />
        <source>&amp;Annotate</source>
        <translation>&amp;برچسب‌گذاری</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="59" />
        <source>E&amp;xperiments</source>
        <translation>&amp;آزمایش‌ها</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="67" />
        <source>Re&amp;view</source>
        <translation>&amp;بازبینی</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="74" />
        <source>Log</source>
        <translation>گزارش</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="124" />
        <source>a training run is in progress already</source>
        <translation>یک آموزش از پیش در جریان است</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="108" />
        <source>Training failed</source>
        <translation>آموزش ناموفق بود</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="155" />
        <source>Ready</source>
        <translation>آماده</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="189" />
        <source>Preferences</source>
        <translation>ترجیحات</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="192" />
        <source>Browse...</source>
        <translation>مرور...</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="195" />
        <source>Folder for runs and experiments</source>
        <translation>پوشه برای اجراها و آزمایش‌ها</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="202" />
        <source>&amp;Data folder (runs/ and experiments/):</source>
        <translation>&amp;پوشهٔ داده (runs/ و experiments/):</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="210" />
        <source>new runs and experiments go to %1</source>
        <translation>اجراها و آزمایش‌های تازه به %1 می‌روند</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="220" />
        <source>&amp;File</source>
        <translation>&amp;پرونده</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="221" />
        <source>Open &amp;dataset folder...</source>
        <translation>باز کردن پوشهٔ &amp;مجموعه داده...</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="221" />
        <source>Ctrl+Shift+O</source>
        <translation>Ctrl+Shift+O</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="223" />
        <source>Open &amp;run...</source>
        <translation>باز کردن &amp;اجرا...</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="223" />
        <source>Ctrl+R</source>
        <translation>Ctrl+R</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="224" />
        <source>Recent r&amp;uns</source>
        <translation>اجراهای &amp;اخیر</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="226" />
        <source>Open &amp;images to annotate...</source>
        <translation>باز کردن &amp;تصاویر برای برچسب‌گذاری...</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="231" />
        <source>&amp;Save thresholds...</source>
        <translation>&amp;ذخیرهٔ آستانه‌ها...</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="232" />
        <source>&amp;Load thresholds...</source>
        <translation>&amp;بارگذاری آستانه‌ها...</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="232" />
        <source>Ctrl+L</source>
        <translation>Ctrl+L</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="233" />
        <source>&amp;Export CSV</source>
        <translation>&amp;صدور CSV</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="234" />
        <source>Test-set &amp;predictions...</source>
        <translation>&amp;پیش‌بینی‌های مجموعهٔ آزمون...</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="235" />
        <source>Export predictions</source>
        <translation>صدور پیش‌بینی‌ها</translation>
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
        <translation>&amp;معیارهای هر برچسب...</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="239" />
        <source>Export per-label metrics</source>
        <translation>صدور سنجه‌های هر برچسب</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="242" />
        <source>&amp;Thresholds...</source>
        <translation>&amp;آستانه‌ها...</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="243" />
        <source>Export thresholds</source>
        <translation>صدور آستانه‌ها</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="246" />
        <source>&amp;Annotations...</source>
        <translation>&amp;برچسب‌ها...</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="246" />
        <source>Ctrl+E</source>
        <translation>Ctrl+E</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="247" />
        <source>Export annotations</source>
        <translation>صدور برچسب‌ها</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="250" />
        <source>Annotations as a &amp;dataset (JSON)...</source>
        <translation>برچسب‌ها به صورت &amp;مجموعه‌داده (JSON)...</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="251" />
        <source>Export annotations as a dataset file (images are copied beside it)</source>
        <translation>صدور برچسب‌ها به صورت پروندهٔ مجموعه‌داده (تصویرها کنار آن رونوشت می‌شوند)</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="251" />
        <source>JSON (*.json)</source>
        <translation>JSON (*.json)</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="254" />
        <source>Write &amp;XMP sidecars</source>
        <translation>نوشتن پرونده‌های &amp;XMP همراه</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="256" />
        <source>Export &amp;model (ONNX)...</source>
        <translation>برون‌بری &amp;مدل (ONNX)...</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="258" />
        <source>&amp;Get a published model...</source>
        <translation>&amp;دریافت یک مدل منتشرشده...</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="258" />
        <source>Ctrl+Shift+G</source>
        <translation>Ctrl+Shift+G</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="260" />
        <source>New run from a &amp;published model...</source>
        <translation>اجرای تازه از یک مدل &amp;منتشرشده...</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="262" />
        <source>&amp;Quit</source>
        <translation>&amp;خروج</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="264" />
        <source>&amp;Edit</source>
        <translation>&amp;ویرایش</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="265" />
        <source>&amp;Undo</source>
        <translation>&amp;واگرد</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="267" />
        <source>&amp;Redo</source>
        <translation>&amp;ازنو</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="272" />
        <source>&amp;Preferences...</source>
        <translation>&amp;ترجیحات...</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="274" />
        <source>&amp;Training</source>
        <translation>&amp;آموزش</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="275" />
        <source>&amp;Start</source>
        <translation>&amp;شروع</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="275" />
        <source>F5</source>
        <translation>F5</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="276" />
        <source>S&amp;top</source>
        <translation>&amp;توقف</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="276" />
        <source>Shift+F5</source>
        <translation>Shift+F5</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="277" />
        <source>&amp;Resume a run...</source>
        <translation>&amp;ادامهٔ یک اجرا...</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="279" />
        <source>&amp;Compare with a past run...</source>
        <translation>&amp;مقایسه با اجرای پیشین...</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="280" />
        <source>A run folder whose curves to overlay</source>
        <translation>پوشهٔ اجرایی که منحنی‌هایش روی هم نمایش داده شود</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="284" />
        <source>Cannot compare</source>
        <translation>مقایسه ممکن نیست</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="284" />
        <source>%1 has no finished epoch to compare (is it a run folder?)</source>
        <translation>%1 هیچ دورهٔ پایان‌یافته‌ای برای مقایسه ندارد (آیا پوشهٔ اجرا است؟)</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="286" />
        <source>C&amp;lear compared runs</source>
        <translation>&amp;پاک کردن اجراهای مقایسه‌شده</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="288" />
        <source>&amp;View</source>
        <translation>&amp;نما</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="293" />
        <source>&amp;Help</source>
        <translation>&amp;راهنما</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="294" />
        <source>&amp;About AIA Studio</source>
        <translation>&amp;دربارهٔ استودیو AIA</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="295" />
        <source>About &amp;Qt</source>
        <translation>دربارهٔ &amp;Qt</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="304" />
        <source>wrote %1</source>
        <translation>%1 نوشته شد</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="306" />
        <source>nothing to export yet</source>
        <translation>هنوز چیزی برای صدور نیست</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="314" />
        <source>Export model</source>
        <translation>برون‌بری مدل</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="314" />
        <source>Open a run first (File &gt; Open run), or train one.</source>
        <translation>نخست یک اجرا را باز کنید (پرونده &gt; باز کردن اجرا)، یا یکی را آموزش دهید.</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="318" />
        <source>Export the run's model</source>
        <translation>برون‌بری مدل اجرا</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="319" />
        <source>ONNX (*.onnx)</source>
        <translation>ONNX (*.onnx)</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="321" />
        <source>exporting %1 to %2...</source>
        <translation>برون‌بری %1 به %2...</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="328" />
        <source>making a run from %1...</source>
        <translation>ساختن اجرا از %1...</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="350" />
        <source>Open a training run folder</source>
        <translation>باز کردن پوشهٔ یک اجرای آموزش</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="360" />
        <source>opened run %1: a tagger without test scores (Annotate and Review use it; Browse and Thresholds need a run trained here)</source>
        <translation>اجرای %1 باز شد: برچسب‌زنی بدون امتیازهای آزمون (حاشیه‌نویسی و بازبینی از آن استفاده می‌کنند؛ مرور و آستانه‌ها به اجرایی نیاز دارند که همین‌جا آموزش دیده باشد)</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="375" />
        <source>Cannot open the run</source>
        <translation>اجرا باز نمی‌شود</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="389" />
        <source>opened run %1 (%2 test images, %3 labels)</source>
        <translation>اجرای %1 باز شد (%2 تصویر آزمون، %3 برچسب)</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="414" />
        <source>About AIA Studio</source>
        <translation>دربارهٔ استودیو AIA</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="415" />
        <source>&lt;h3&gt;AIA Studio %1&lt;/h3&gt;&lt;p&gt;Automatic image annotation: TResNet-M, the unsymmetrical loss of Salar &amp;amp; Ahmadi (The Visual Computer, 2023), per-label thresholds by Matthews correlation.&lt;/p&gt;&lt;p&gt;Built with Qt %2 and LibTorch.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;AIA Studio %1&lt;/h3&gt;&lt;p&gt;برچسب‌زنی خودکار تصویر: TResNet-M، تابع زیان نامتقارن سالار و احمدی (The Visual Computer، ۲۰۲۳)، آستانهٔ هر برچسب با همبستگی متیوز.&lt;/p&gt;&lt;p&gt;ساخته‌شده با Qt %2 و LibTorch.&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="438" />
        <source>stopping the training run before quitting; resume it later from its run folder</source>
        <translation>اجرای آموزش پیش از خروج متوقف می‌شود؛ بعداً از پوشهٔ اجرایش ادامه دهید</translation>
    </message>
</context>
<context>
    <name>aia::ui::ModelTransfer</name>
    <message>
        <location filename="../ui/model_transfer.cpp" line="53" />
        <source>Cannot export the model</source>
        <translation>برون‌بری مدل ممکن نیست</translation>
    </message>
    <message>
        <location filename="../ui/model_transfer.cpp" line="55" />
        <source>wrote %1: %2, %3 labels, input 3 x %4 x %4; thresholds: %5</source>
        <translation>%1 نوشته شد: %2، %3 برچسب، ورودی 3 x %4 x %4؛ آستانه‌ها: %5</translation>
    </message>
    <message>
        <location filename="../ui/model_transfer.cpp" line="67" />
        <source>Cannot make a run from the model</source>
        <translation>ساختن اجرا از این مدل ممکن نیست</translation>
    </message>
    <message>
        <location filename="../ui/model_transfer.cpp" line="73" />
        <source>made run %1 from %2: %3 labels; thresholds 0.5 until reviewed images calibrate them</source>
        <translation>اجرای %1 از %2 ساخته شد: %3 برچسب؛ آستانه‌ها ۰٫۵ تا زمانی که تصاویر بازبینی‌شده آن‌ها را تنظیم کنند</translation>
    </message>
</context>
<context>
    <name>aia::ui::ReviewPage</name>
    <message>
        <location filename="../ui/review_page.cpp" line="149" />
        <source>Accept and next (Enter)</source>
        <translation>پذیرش و بعدی (Enter)</translation>
    </message>
    <message>
        <location filename="../ui/review_page.cpp" line="151" />
        <source>Previous</source>
        <translation>قبلی</translation>
    </message>
    <message>
        <location filename="../ui/review_page.cpp" line="152" />
        <source>Next</source>
        <translation>بعدی</translation>
    </message>
    <message>
        <location filename="../ui/review_page.cpp" line="245" />
        <source>project %1: %2 images; tags from XMP: %3</source>
        <translation>پروژهٔ %1: %2 تصویر؛ برچسب‌ها از XMP: %3</translation>
    </message>
    <message>
        <location filename="../ui/review_page.cpp" line="272" />
        <source>Cannot make the project</source>
        <translation>پروژه ساخته نمی‌شود</translation>
    </message>
    <message>
        <location filename="../ui/review_page.cpp" line="250" />
        <source>project %1 opened: %2 images%3</source>
        <translation>پروژهٔ %1 گشوده شد: %2 تصویر%3</translation>
    </message>
    <message>
        <location filename="../ui/review_page.cpp" line="257" />
        <source>Read-only</source>
        <translation>فقط‌خواندنی</translation>
    </message>
    <message>
        <location filename="../ui/review_page.cpp" line="283" />
        <source>Cannot open the project</source>
        <translation>پروژه گشوده نمی‌شود</translation>
    </message>
    <message>
        <location filename="../ui/review_page.cpp" line="150" />
        <source>Skip (Shift+Enter)</source>
        <translation>رد شدن (Shift+Enter)</translation>
    </message>
    <message>
        <location filename="../ui/review_page.cpp" line="161" />
        <source>Keys: 1-9 toggle a tag, Enter accepts and moves on, Shift+Enter skips, arrows move, typing adds a tag, Ctrl+Z undoes.</source>
        <translation>کلیدها: ۱ تا ۹ برچسب را روشن و خاموش می‌کنند، Enter می‌پذیرد و جلو می‌رود، Shift+Enter رد می‌شود، پیکان‌ها جابه‌جا می‌کنند، نوشتن برچسب می‌افزاید، Ctrl+Z واگرد می‌کند.</translation>
    </message>
    <message>
        <location filename="../ui/review_page.cpp" line="255" />
        <source>skipped %1: %2</source>
        <translation>رد شد %1: %2</translation>
    </message>
    <message>
        <location filename="../ui/review_page.cpp" line="328" />
        <source>Folder of images to annotate</source>
        <translation>پوشهٔ تصویرها برای حاشیه‌نویسی</translation>
    </message>
    <message>
        <location filename="../ui/review_page.cpp" line="329" />
        <location filename="../ui/review_page.cpp" line="342" />
        <source>Annotation project folder</source>
        <translation>پوشهٔ پروژهٔ حاشیه‌نویسی</translation>
    </message>
    <message>
        <location filename="../ui/review_page.cpp" line="329" />
        <source>&amp;Project folder:</source>
        <translation>پوشهٔ &amp;پروژه:</translation>
    </message>
    <message>
        <location filename="../ui/review_page.cpp" line="390" />
        <source>No images to show.</source>
        <translation>تصویری برای نمایش نیست.</translation>
    </message>
    <message>
        <location filename="../ui/review_page.cpp" line="408" />
        <source>Loading...</source>
        <translation>در حال بارگیری...</translation>
    </message>
    <message>
        <location filename="../ui/review_page.cpp" line="418" />
        <source>This file cannot be decoded as an image.</source>
        <translation>این پرونده به‌صورت تصویر گشوده نمی‌شود.</translation>
    </message>
    <message>
        <location filename="../ui/review_page.cpp" line="419" />
        <source>The image is no longer there; the next scan marks it missing.</source>
        <translation>این تصویر دیگر آنجا نیست؛ پویش بعدی آن را گم‌شده نشان می‌دهد.</translation>
    </message>
    <message>
        <location filename="../ui/review_page.cpp" line="453" />
        <source>%1 of %2 reviewed</source>
        <translation>%1 از %2 بازبینی شده</translation>
    </message>
    <message>
        <location filename="../ui/review_page.cpp" line="454" />
        <source>, %1 skipped</source>
        <translation>، %1 رد شده</translation>
    </message>
    <message>
        <location filename="../ui/review_page.cpp" line="455" />
        <source> · %1 s per image</source>
        <translation> · %1 ثانیه برای هر تصویر</translation>
    </message>
    <message>
        <location filename="../ui/review_page.cpp" line="456" />
        <source> · %1 not scored</source>
        <translation> · %1 بی‌امتیاز</translation>
    </message>
    <message>
        <location filename="../ui/review_page.cpp" line="457" />
        <source> · %1 missing</source>
        <translation> · %1 گم‌شده</translation>
    </message>
    <message>
        <location filename="../ui/review_page.cpp" line="458" />
        <source> · %1 likely label errors</source>
        <translation> · %1 خطای احتمالی برچسب</translation>
    </message>
    <message>
        <location filename="../ui/review_page.cpp" line="460" />
        <source> · %1 tags auto-accepted at ≥ %2% precision (delta %3) · %4 images still need you</source>
        <translation> · %1 برچسب با دقت ≥ %2٪ (دلتا %3) خودکار پذیرفته شد · %4 تصویر هنوز به شما نیاز دارد</translation>
    </message>
    <message>
        <location filename="../ui/review_page.cpp" line="475" />
        <location filename="../ui/review_scoring.cpp" line="209" />
        <source>The edit was not saved</source>
        <translation>ویرایش ذخیره نشد</translation>
    </message>
    <message>
        <location filename="../ui/review_page.cpp" line="502" />
        <source>reject %1</source>
        <translation>رد %1</translation>
    </message>
    <message>
        <location filename="../ui/review_page.cpp" line="502" />
        <location filename="../ui/review_page.cpp" line="529" />
        <source>accept %1</source>
        <translation>پذیرش %1</translation>
    </message>
    <message>
        <location filename="../ui/review_page.cpp" line="515" />
        <source>add %1</source>
        <translation>افزودن %1</translation>
    </message>
    <message>
        <location filename="../ui/review_page.cpp" line="538" />
        <source>skip</source>
        <translation>رد شدن</translation>
    </message>
    <message>
        <location filename="../ui/review_scoring.cpp" line="35" />
        <source>No run to score with</source>
        <translation>اجرایی برای امتیازدهی نیست</translation>
    </message>
    <message>
        <location filename="../ui/review_scoring.cpp" line="35" />
        <source>Open a trained run first (File &gt; Open run), or train one.</source>
        <translation>نخست اجرای آموزش‌دیده‌ای را بگشایید (پرونده &gt; گشودن اجرا) یا یکی آموزش دهید.</translation>
    </message>
    <message>
        <location filename="../ui/review_scoring.cpp" line="42" />
        <source>images on disk: %1</source>
        <translation>تصویرهای روی دیسک: %1</translation>
    </message>
    <message>
        <location filename="../ui/review_scoring.cpp" line="44" />
        <source>Cannot score</source>
        <translation>امتیازدهی ممکن نیست</translation>
    </message>
    <message>
        <location filename="../ui/review_scoring.cpp" line="49" />
        <source>every image is scored</source>
        <translation>همهٔ تصویرها امتیاز دارند</translation>
    </message>
    <message>
        <location filename="../ui/review_scoring.cpp" line="53" />
        <location filename="../ui/review_scoring.cpp" line="142" />
        <source>scoring</source>
        <translation>امتیازدهی</translation>
    </message>
    <message>
        <location filename="../ui/review_scoring.cpp" line="94" />
        <source>Scoring failed</source>
        <translation>امتیازدهی شکست خورد</translation>
    </message>
    <message>
        <location filename="../ui/review_scoring.cpp" line="99" />
        <source>scoring cancelled; nothing was changed</source>
        <translation>امتیازدهی لغو شد؛ چیزی تغییر نکرد</translation>
    </message>
    <message>
        <location filename="../ui/review_scoring.cpp" line="106" />
        <location filename="../ui/review_scoring.cpp" line="148" />
        <source>skipped %1</source>
        <translation>رد شد: %1</translation>
    </message>
    <message>
        <location filename="../ui/review_scoring.cpp" line="108" />
        <location filename="../ui/review_scoring.cpp" line="164" />
        <source>scored %1 images with %2</source>
        <translation>%1 تصویر با %2 امتیاز گرفت</translation>
    </message>
    <message>
        <location filename="../ui/review_scoring.cpp" line="112" />
        <source>Cannot store the scores</source>
        <translation>امتیازها ذخیره نمی‌شوند</translation>
    </message>
    <message>
        <location filename="../ui/review_scoring.cpp" line="129" />
        <location filename="../ui/review_scoring.cpp" line="159" />
        <source>Cannot train yet</source>
        <translation>هنوز آموزش ممکن نیست</translation>
    </message>
    <message>
        <location filename="../ui/review_scoring.cpp" line="147" />
        <source>training on the reviewed images: %1</source>
        <translation>آموزش روی تصویرهای بازبینی‌شده: %1</translation>
    </message>
    <message>
        <location filename="../ui/review_exports.cpp" line="13" />
        <source> (%1 of them decided by certified thresholds, not reviewed; %2 auto-accepted tags marked)</source>
        <translation> (%1 از آن‌ها را آستانه‌های تضمین‌شده تعیین کردند، بازبینی نشده؛ %2 برچسب پذیرفته‌شدهٔ خودکار علامت خورد)</translation>
    </message>
    <message>
        <location filename="../ui/review_exports.cpp" line="22" />
        <source>exported %1 images as a dataset in %2</source>
        <translation>%1 تصویر به صورت مجموعه‌داده در %2 صادر شد</translation>
    </message>
    <message>
        <location filename="../ui/review_exports.cpp" line="32" />
        <source>exported %1 images to %2</source>
        <translation>%1 تصویر به %2 صادر شد</translation>
    </message>
    <message>
        <location filename="../ui/review_exports.cpp" line="43" />
        <source>wrote the XMP sidecars of %1 images</source>
        <translation>پرونده‌های همراه XMP برای %1 تصویر نوشته شد</translation>
    </message>
    <message>
        <location filename="../ui/review_scoring.cpp" line="135" />
        <source>training</source>
        <translation>آموزش</translation>
    </message>
    <message>
        <location filename="../ui/review_page.cpp" line="304" />
        <source>New annotation project</source>
        <translation>پروژهٔ حاشیه‌نویسی تازه</translation>
    </message>
    <message>
        <location filename="../ui/review_page.cpp" line="317" />
        <source>Browse...</source>
        <translation>مرور...</translation>
    </message>
    <message>
        <location filename="../ui/review_page.cpp" line="328" />
        <source>&amp;Images:</source>
        <translation>&amp;تصویرها:</translation>
    </message>
    <message>
        <location filename="../ui/review_scoring.cpp" line="161" />
        <source>training on the reviewed images did not finish: %1</source>
        <translation>آموزش روی تصویرهای بازبینی‌شده تمام نشد: %1</translation>
    </message>
    <message>
        <location filename="../ui/review_scoring.cpp" line="181" />
        <source>Cannot auto-accept</source>
        <translation>پذیرش خودکار ممکن نیست</translation>
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
        <translation>برچسب‌هایی که رأی نمی‌دهند:
%1</translation>
    </message>
    <message>
        <location filename="../ui/review_scoring.cpp" line="198" />
        <source>abstains: %1</source>
        <translation>رأی نمی‌دهد: %1</translation>
    </message>
    <message>
        <location filename="../ui/review_scoring.cpp" line="199" />
        <source>auto-accept</source>
        <translation>پذیرش خودکار</translation>
    </message>
    <message>
        <location filename="../ui/review_exports.cpp" line="24" />
        <location filename="../ui/review_exports.cpp" line="34" />
        <location filename="../ui/review_exports.cpp" line="45" />
        <source>Export failed</source>
        <translation>برون‌بری شکست خورد</translation>
    </message>
</context>
<context>
    <name>aia::ui::ReviewToolbar</name>
    <message>
        <location filename="../ui/review_toolbar.cpp" line="18" />
        <source>&amp;New project...</source>
        <translation>پروژهٔ &amp;تازه...</translation>
    </message>
    <message>
        <location filename="../ui/review_toolbar.cpp" line="19" />
        <source>&amp;Open project...</source>
        <translation>&amp;گشودن پروژه...</translation>
    </message>
    <message>
        <location filename="../ui/review_toolbar.cpp" line="20" />
        <source>&amp;Score</source>
        <translation>&amp;امتیازدهی</translation>
    </message>
    <message>
        <location filename="../ui/review_toolbar.cpp" line="21" />
        <source>Score the unreviewed images with the project's run (or the open run)</source>
        <translation>امتیازدهی تصویرهای بازبینی‌نشده با اجرای پروژه (یا اجرای باز)</translation>
    </message>
    <message>
        <location filename="../ui/review_toolbar.cpp" line="22" />
        <location filename="../ui/review_toolbar.cpp" line="145" />
        <source>No project. Make one from a folder of images, or open one.</source>
        <translation>پروژه‌ای نیست. از پوشه‌ای از تصویرها یکی بسازید یا یکی را بگشایید.</translation>
    </message>
    <message>
        <location filename="../ui/review_toolbar.cpp" line="41" />
        <source>Order:</source>
        <translation>ترتیب:</translation>
    </message>
    <message>
        <location filename="../ui/review_toolbar.cpp" line="43" />
        <source>Show:</source>
        <translation>نمایش:</translation>
    </message>
    <message>
        <location filename="../ui/review_toolbar.cpp" line="51" />
        <source>Cancel</source>
        <translation>لغو</translation>
    </message>
    <message>
        <location filename="../ui/review_toolbar.cpp" line="77" />
        <source>Most uncertain first</source>
        <translation>نامطمئن‌ترین‌ها نخست</translation>
    </message>
    <message>
        <location filename="../ui/review_toolbar.cpp" line="78" />
        <source>File order</source>
        <translation>ترتیب پرونده‌ها</translation>
    </message>
    <message>
        <location filename="../ui/review_toolbar.cpp" line="79" />
        <source>Random order</source>
        <translation>ترتیب تصادفی</translation>
    </message>
    <message>
        <location filename="../ui/review_toolbar.cpp" line="83" />
        <source>Most uncertain first: images whose closest label score is nearest that label's MCC threshold</source>
        <translation>نامطمئن‌ترین‌ها نخست: تصویرهایی که امتیاز یکی از برچسب‌هایشان به آستانهٔ MCC همان برچسب نزدیک‌تر است</translation>
    </message>
    <message>
        <location filename="../ui/review_toolbar.cpp" line="86" />
        <source>All images</source>
        <translation>همهٔ تصویرها</translation>
    </message>
    <message>
        <location filename="../ui/review_toolbar.cpp" line="87" />
        <source>Likely label errors</source>
        <translation>خطاهای احتمالی برچسب</translation>
    </message>
    <message>
        <location filename="../ui/review_toolbar.cpp" line="88" />
        <source>Reviewed images with a tag the model, scored out of fold, strongly disagrees with</source>
        <translation>تصویرهای بازبینی‌شده با برچسبی که مدل (با امتیاز خارج از fold) سخت با آن مخالف است</translation>
    </message>
    <message>
        <location filename="../ui/review_toolbar.cpp" line="93" />
        <source>&amp;Train on reviewed images</source>
        <translation>&amp;آموزش روی تصویرهای بازبینی‌شده</translation>
    </message>
    <message>
        <location filename="../ui/review_toolbar.cpp" line="96" />
        <source>Fine-tune the project's run on the reviewed images (new tags grow the head); the unreviewed images are scored again with the new run</source>
        <translation>تنظیم دقیق اجرای پروژه روی تصویرهای بازبینی‌شده (برچسب‌های تازه سر را بزرگ می‌کنند)؛ تصویرهای بازبینی‌نشده با اجرای تازه دوباره امتیاز می‌گیرند</translation>
    </message>
    <message>
        <location filename="../ui/review_toolbar.cpp" line="98" />
        <source>with the run's training set</source>
        <translation>همراه با دادهٔ آموزشی اجرا</translation>
    </message>
    <message>
        <location filename="../ui/review_toolbar.cpp" line="100" />
        <source>Also train on the images the project's first run was trained on, and test on its test split (slower; keeps what it knew). Otherwise 20% of the reviewed images are held out as the test split.</source>
        <translation>روی تصویرهایی هم که نخستین اجرای پروژه با آن‌ها آموزش دید آموزش بده و روی بخش آزمون آن بسنج (کندتر؛ آنچه می‌دانست می‌ماند). وگرنه ۲۰٪ تصویرهای بازبینی‌شده برای آزمون کنار گذاشته می‌شوند.</translation>
    </message>
    <message>
        <location filename="../ui/review_toolbar.cpp" line="106" />
        <source> epochs</source>
        <translation> دوره</translation>
    </message>
    <message>
        <location filename="../ui/review_toolbar.cpp" line="107" />
        <source>Epochs of fine-tuning</source>
        <translation>دوره‌های تنظیم دقیق</translation>
    </message>
    <message>
        <location filename="../ui/review_toolbar.cpp" line="118" />
        <source>The precision to certify for auto-accepted tags</source>
        <translation>دقتی که برای برچسب‌های پذیرفته‌شدهٔ خودکار تضمین می‌شود</translation>
    </message>
    <message>
        <location filename="../ui/review_toolbar.cpp" line="119" />
        <source>Auto-&amp;accept</source>
        <translation>&amp;پذیرش خودکار</translation>
    </message>
    <message>
        <location filename="../ui/review_toolbar.cpp" line="123" />
        <source>Accept tags whose precision is certified on your reviewed images (risk 0.1), hide tags certified absent; images with every label decided leave the queue. Nothing is marked reviewed; undo takes it back.</source>
        <translation>برچسب‌هایی را بپذیر که دقتشان روی تصویرهای بازبینی‌شدهٔ شما تضمین شده است (ریسک ۰٫۱)، برچسب‌هایی را که نبودنشان تضمین شده پنهان کن؛ تصویرهایی که همهٔ برچسب‌هایشان تعیین شده از صف بیرون می‌روند. چیزی بازبینی‌شده علامت نمی‌خورد؛ واگرد آن را برمی‌گرداند.</translation>
    </message>
    <message>
        <location filename="../ui/review_toolbar.cpp" line="129" />
        <source>E&amp;xport</source>
        <translation>&amp;برون‌بری</translation>
    </message>
    <message>
        <location filename="../ui/review_toolbar.cpp" line="132" />
        <source>As a &amp;dataset (JSON layout)...</source>
        <translation>به‌صورت &amp;مجموعه‌داده (چیدمان JSON)...</translation>
    </message>
    <message>
        <location filename="../ui/review_toolbar.cpp" line="133" />
        <source>Folder for the dataset</source>
        <translation>پوشه برای مجموعه‌داده</translation>
    </message>
    <message>
        <location filename="../ui/review_toolbar.cpp" line="136" />
        <source>As an annotations &amp;CSV...</source>
        <translation>به‌صورت &amp;CSV حاشیه‌نویسی...</translation>
    </message>
    <message>
        <location filename="../ui/review_toolbar.cpp" line="137" />
        <source>Annotations CSV</source>
        <translation>CSV حاشیه‌نویسی</translation>
    </message>
    <message>
        <location filename="../ui/review_toolbar.cpp" line="137" />
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <location filename="../ui/review_toolbar.cpp" line="140" />
        <source>Into &amp;XMP sidecars</source>
        <translation>در پرونده‌های &amp;XMP همراه</translation>
    </message>
</context>
<context>
    <name>aia::ui::ThresholdModel</name>
    <message>
        <location filename="../ui/thresholds_page.cpp" line="98" />
        <source>label</source>
        <translation>برچسب</translation>
    </message>
    <message>
        <location filename="../ui/thresholds_page.cpp" line="98" />
        <source>frequency</source>
        <translation>فراوانی</translation>
    </message>
    <message>
        <location filename="../ui/thresholds_page.cpp" line="98" />
        <source>threshold</source>
        <translation>آستانه</translation>
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
        <translation>تضمین‌شده</translation>
    </message>
    <message>
        <location filename="../ui/thresholds_page.cpp" line="117" />
        <source>none (never tagged)</source>
        <translation>هیچ (هرگز برچسب نمی‌خورد)</translation>
    </message>
    <message>
        <location filename="../ui/thresholds_page.cpp" line="143" />
        <source>abstains: %1</source>
        <translation>رأی نمی‌دهد: %1</translation>
    </message>
    <message>
        <location filename="../ui/thresholds_page.cpp" line="144" />
        <source>none (abstained: %1)</source>
        <translation>هیچ (رأی نداد: %1)</translation>
    </message>
    <message>
        <location filename="../ui/thresholds_page.cpp" line="145" />
        <source>none (moved from the certified %1)</source>
        <translation>هیچ (از مقدار تضمین‌شدهٔ %1 جابه‌جا شد)</translation>
    </message>
    <message>
        <location filename="../ui/thresholds_page.cpp" line="146" />
        <source>precision ≥ %1 (δ %2)</source>
        <translation>دقت ≥ %1 (δ %2)</translation>
    </message>
</context>
<context>
    <name>aia::ui::ThresholdPlots</name>
    <message>
        <location filename="../ui/threshold_plots.cpp" line="58" />
        <source>test score (drag the line to move the threshold)</source>
        <translation>امتیاز آزمون (برای جابه‌جایی آستانه خط را بکشید)</translation>
    </message>
    <message>
        <location filename="../ui/threshold_plots.cpp" line="59" />
        <source>share of the class</source>
        <translation>سهم از کلاس</translation>
    </message>
    <message>
        <location filename="../ui/threshold_plots.cpp" line="62" />
        <source>recall</source>
        <translation>بازیابی</translation>
    </message>
    <message>
        <location filename="../ui/threshold_plots.cpp" line="63" />
        <source>precision</source>
        <translation>دقت</translation>
    </message>
    <message>
        <location filename="../ui/threshold_plots.cpp" line="65" />
        <source>threshold (drag the line)</source>
        <translation>آستانه (خط را بکشید)</translation>
    </message>
    <message>
        <location filename="../ui/threshold_plots.cpp" line="66" />
        <source>F1, MCC</source>
        <translation>F1، MCC</translation>
    </message>
    <message>
        <location filename="../ui/threshold_plots.cpp" line="70" />
        <source>labels, sorted by F1 at their thresholds (click a bar to select its label)</source>
        <translation>برچسب‌ها، مرتب بر پایهٔ F1 در آستانه‌هایشان (با کلیک روی میله برچسبش برگزیده می‌شود)</translation>
    </message>
    <message>
        <location filename="../ui/threshold_plots.cpp" line="71" />
        <source>test F1</source>
        <translation>F1 آزمون</translation>
    </message>
    <message>
        <location filename="../ui/threshold_plots.cpp" line="74" />
        <source>one threshold for every label</source>
        <translation>یک آستانه برای همهٔ برچسب‌ها</translation>
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
        <translation>F1 هر برچسب</translation>
    </message>
    <message>
        <location filename="../ui/threshold_plots.cpp" line="83" />
        <source>One global threshold</source>
        <translation>یک آستانهٔ سراسری</translation>
    </message>
    <message>
        <location filename="../ui/threshold_plots.cpp" line="113" />
        <source>This run kept no training-split scores (runs from before they were kept): the curves show the test split only.</source>
        <translation>این اجرا امتیازهای بخش آموزش را نگه نداشته است (اجراهای پیش از نگه‌داری آن‌ها): منحنی‌ها فقط بخش آزمون را نشان می‌دهند.</translation>
    </message>
    <message>
        <location filename="../ui/threshold_plots.cpp" line="129" />
        <source>per-class F1</source>
        <translation>F1 هر کلاس</translation>
    </message>
    <message>
        <location filename="../ui/threshold_plots.cpp" line="130" />
        <source>per-image F1</source>
        <translation>F1 هر تصویر</translation>
    </message>
    <message>
        <location filename="../ui/threshold_plots.cpp" line="198" />
        <source>positives (%1 test images)</source>
        <translation>مثبت‌ها (%1 تصویر آزمون)</translation>
    </message>
    <message>
        <location filename="../ui/threshold_plots.cpp" line="199" />
        <source>negatives (%1)</source>
        <translation>منفی‌ها (%1)</translation>
    </message>
    <message>
        <location filename="../ui/threshold_plots.cpp" line="221" />
        <source>F1, %1</source>
        <translation>F1، %1</translation>
    </message>
    <message>
        <location filename="../ui/threshold_plots.cpp" line="222" />
        <source>MCC, %1</source>
        <translation>MCC، %1</translation>
    </message>
    <message>
        <location filename="../ui/threshold_plots.cpp" line="228" />
        <source>test</source>
        <translation>آزمون</translation>
    </message>
    <message>
        <location filename="../ui/threshold_plots.cpp" line="230" />
        <source>train</source>
        <translation>آموزش</translation>
    </message>
    <message>
        <location filename="../ui/threshold_plots.cpp" line="235" />
        <source>%1, test</source>
        <translation>%1، آزمون</translation>
    </message>
    <message>
        <location filename="../ui/threshold_plots.cpp" line="239" />
        <source>0.5</source>
        <translation>0.5</translation>
    </message>
    <message>
        <location filename="../ui/threshold_plots.cpp" line="240" />
        <source>MCC grid</source>
        <translation>شبکهٔ MCC</translation>
    </message>
    <message>
        <location filename="../ui/threshold_plots.cpp" line="241" />
        <source>exact MCC</source>
        <translation>MCC دقیق</translation>
    </message>
    <message>
        <location filename="../ui/threshold_plots.cpp" line="242" />
        <source>exact F1</source>
        <translation>F1 دقیق</translation>
    </message>
    <message>
        <location filename="../ui/threshold_plots.cpp" line="255" />
        <source>current</source>
        <translation>کنونی</translation>
    </message>
    <message>
        <location filename="../ui/threshold_plots.cpp" line="276" />
        <source>target precision %1</source>
        <translation>دقت هدف %1</translation>
    </message>
    <message>
        <location filename="../ui/threshold_plots.cpp" line="281" />
        <source>target %1: abstains (%2)</source>
        <translation>هدف %1: رأی نمی‌دهد (%2)</translation>
    </message>
    <message>
        <location filename="../ui/threshold_plots.cpp" line="286" />
        <source>certified ≥ %1 at threshold %2 (δ %3)</source>
        <translation>تضمین‌شده ≥ %1 در آستانهٔ %2 (δ %3)</translation>
    </message>
</context>
<context>
    <name>aia::ui::ThresholdsPage</name>
    <message>
        <location filename="../ui/thresholds_page.cpp" line="214" />
        <source>Select a label to move its threshold.</source>
        <translation>برچسبی برگزینید تا آستانه‌اش را جابه‌جا کنید.</translation>
    </message>
    <message>
        <location filename="../ui/thresholds_page.cpp" line="220" />
        <source>strategy</source>
        <translation>راهبرد</translation>
    </message>
    <message>
        <location filename="../ui/thresholds_page.cpp" line="220" />
        <source>per-class P</source>
        <translation>P هر کلاس</translation>
    </message>
    <message>
        <location filename="../ui/thresholds_page.cpp" line="220" />
        <source>per-class R</source>
        <translation>R هر کلاس</translation>
    </message>
    <message>
        <location filename="../ui/thresholds_page.cpp" line="220" />
        <source>per-class F1</source>
        <translation>F1 هر کلاس</translation>
    </message>
    <message>
        <location filename="../ui/thresholds_page.cpp" line="220" />
        <source>N+</source>
        <translation>N+</translation>
    </message>
    <message>
        <location filename="../ui/thresholds_page.cpp" line="226" />
        <source>The precision to certify</source>
        <translation>دقتی که باید تضمین شود</translation>
    </message>
    <message>
        <location filename="../ui/thresholds_page.cpp" line="228" />
        <source>δ </source>
        <translation>δ </translation>
    </message>
    <message>
        <location filename="../ui/thresholds_page.cpp" line="229" />
        <source>The risk that a certified label's precision on new images is below the target</source>
        <translation>ریسک آن‌که دقت یک برچسب تضمین‌شده روی تصویرهای تازه کمتر از هدف باشد</translation>
    </message>
    <message>
        <location filename="../ui/thresholds_page.cpp" line="279" />
        <source>MCC &amp;grid (paper)</source>
        <translation>&amp;شبکهٔ MCC (مقاله)</translation>
    </message>
    <message>
        <location filename="../ui/thresholds_page.cpp" line="280" />
        <source>Exact &amp;MCC</source>
        <translation>&amp;MCC دقیق</translation>
    </message>
    <message>
        <location filename="../ui/thresholds_page.cpp" line="281" />
        <source>Exact &amp;F1</source>
        <translation>&amp;F1 دقیق</translation>
    </message>
    <message>
        <location filename="../ui/thresholds_page.cpp" line="282" />
        <source>Set all &amp;to</source>
        <translation>همه را &amp;برابر</translation>
    </message>
    <message>
        <location filename="../ui/thresholds_page.cpp" line="285" />
        <source>Thresholds chosen on the training split when the run finished</source>
        <translation>آستانه‌هایی که هنگام پایان اجرا روی بخش آموزش برگزیده شدند</translation>
    </message>
    <message>
        <location filename="../ui/thresholds_page.cpp" line="286" />
        <source>The same threshold for every label</source>
        <translation>همان آستانه برای همهٔ برچسب‌ها</translation>
    </message>
    <message>
        <location filename="../ui/thresholds_page.cpp" line="287" />
        <source>Pre&amp;cision ≥</source>
        <translation>&amp;دقت ≥</translation>
    </message>
    <message>
        <location filename="../ui/thresholds_page.cpp" line="290" />
        <source>Per label, the lowest threshold certified to keep this precision on new images like the test split's, with probability 1 - δ; a label that cannot be certified is never tagged</source>
        <translation>برای هر برچسب، پایین‌ترین آستانه‌ای که تضمین شده این دقت را روی تصویرهای تازهٔ همانند بخش آزمون با احتمال ۱ - δ نگه دارد؛ برچسبی که تضمین نشود هرگز زده نمی‌شود</translation>
    </message>
    <message>
        <location filename="../ui/thresholds_page.cpp" line="302" />
        <source>MCC-grid thresholds</source>
        <translation>آستانه‌های شبکهٔ MCC</translation>
    </message>
    <message>
        <location filename="../ui/thresholds_page.cpp" line="305" />
        <source>exact MCC thresholds</source>
        <translation>آستانه‌های MCC دقیق</translation>
    </message>
    <message>
        <location filename="../ui/thresholds_page.cpp" line="308" />
        <source>exact F1 thresholds</source>
        <translation>آستانه‌های F1 دقیق</translation>
    </message>
    <message>
        <location filename="../ui/thresholds_page.cpp" line="311" />
        <source>global threshold</source>
        <translation>آستانهٔ سراسری</translation>
    </message>
    <message>
        <location filename="../ui/thresholds_page.cpp" line="326" />
        <source>0.5</source>
        <translation>0.5</translation>
    </message>
    <message>
        <location filename="../ui/thresholds_page.cpp" line="327" />
        <source>MCC grid (paper)</source>
        <translation>شبکهٔ MCC (مقاله)</translation>
    </message>
    <message>
        <location filename="../ui/thresholds_page.cpp" line="328" />
        <source>exact MCC</source>
        <translation>MCC دقیق</translation>
    </message>
    <message>
        <location filename="../ui/thresholds_page.cpp" line="329" />
        <source>exact F1</source>
        <translation>F1 دقیق</translation>
    </message>
    <message>
        <location filename="../ui/thresholds_page.cpp" line="355" />
        <source>precision ≥ %1, δ %2: certified on %3 images, measured on the other %4</source>
        <translation>دقت ≥ %1، δ %2: تضمین‌شده روی %3 تصویر، سنجیده روی %4 تصویر دیگر</translation>
    </message>
    <message>
        <location filename="../ui/thresholds_page.cpp" line="371" />
        <source>thresholds certified at precision ≥ %1 (δ %2)</source>
        <translation>آستانه‌ها با دقت ≥ %1 تضمین شدند (δ %2)</translation>
    </message>
    <message>
        <location filename="../ui/thresholds_page.cpp" line="372" />
        <source>%1 of %2 labels certified at precision ≥ %3 with risk δ %4 on the run's %5 test images; the others abstain (never tagged). The numbers on this page are on those same images, so they do not check the promise: the strategies table's certified row does.</source>
        <translation>%1 از %2 برچسب با دقت ≥ %3 و ریسک δ %4 روی %5 تصویر آزمون اجرا تضمین شد؛ بقیه رأی نمی‌دهند (هرگز زده نمی‌شوند). عددهای این صفحه روی همین تصویرها هستند و وعده را نمی‌سنجند: سطر تضمین‌شدهٔ جدول راهبردها می‌سنجد.</translation>
    </message>
    <message>
        <location filename="../ui/thresholds_page.cpp" line="386" />
        <source>Open a finished run (File &gt; Open run) or train one to tune its thresholds.</source>
        <translation>اجرای پایان‌یافته‌ای باز کنید (پرونده &gt; باز کردن اجرا) یا یکی آموزش دهید تا آستانه‌هایش را تنظیم کنید.</translation>
    </message>
    <message>
        <location filename="../ui/thresholds_page.cpp" line="389" />
        <source>Test split, current thresholds: %1</source>
        <translation>بخش آزمون، آستانه‌های کنونی: %1</translation>
    </message>
    <message>
        <location filename="../ui/thresholds_page.cpp" line="392" />
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location filename="../ui/thresholds_page.cpp" line="394" />
        <source>never tagged</source>
        <translation>هرگز برچسب نمی‌خورد</translation>
    </message>
    <message>
        <location filename="../ui/thresholds_page.cpp" line="433" />
        <source>thresholds saved to %1</source>
        <translation>آستانه‌ها در %1 ذخیره شدند</translation>
    </message>
    <message>
        <location filename="../ui/thresholds_page.cpp" line="435" />
        <source>cannot save thresholds: %1</source>
        <translation>ذخیرهٔ آستانه‌ها ممکن نیست: %1</translation>
    </message>
    <message>
        <location filename="../ui/thresholds_page.cpp" line="442" />
        <source>thresholds from %1</source>
        <translation>آستانه‌ها از %1</translation>
    </message>
    <message>
        <location filename="../ui/thresholds_page.cpp" line="444" />
        <source>cannot load thresholds: %1</source>
        <translation>بار کردن آستانه‌ها ممکن نیست: %1</translation>
    </message>
    <message>
        <location filename="../ui/thresholds_page.cpp" line="449" />
        <source>Save thresholds</source>
        <translation>ذخیرهٔ آستانه‌ها</translation>
    </message>
    <message>
        <location filename="../ui/thresholds_page.cpp" line="449" />
        <source>JSON (*.json)</source>
        <translation>JSON (*.json)</translation>
    </message>
    <message>
        <location filename="../ui/thresholds_page.cpp" line="455" />
        <source>Load thresholds</source>
        <translation>بارگذاری آستانه‌ها</translation>
    </message>
    <message>
        <location filename="../ui/thresholds_page.cpp" line="455" />
        <source>Thresholds (*.json *.csv);;All files (*)</source>
        <translation>آستانه‌ها (*.json *.csv);;همهٔ پرونده‌ها (*)</translation>
    </message>
</context>
<context>
    <name>aia::ui::TrainPage</name>
    <message>
        <location filename="../ui/train_page.cpp" line="95" />
        <source>optional: timm .safetensors or a .pth state_dict</source>
        <translation>اختیاری: timm .safetensors یا state_dict با پسوند .pth</translation>
    </message>
    <message>
        <location filename="../ui/train_page.cpp" line="96" />
        <source>Browse...</source>
        <translation>مرور...</translation>
    </message>
    <message>
        <location filename="../ui/train_page.cpp" line="120" />
        <source>fine-tune the whole network</source>
        <translation>تنظیم دقیق کل شبکه</translation>
    </message>
    <message>
        <location filename="../ui/train_page.cpp" line="121" />
        <source>frozen backbone (train the head on cached features)</source>
        <translation>ستون فقرات منجمد (آموزش سر روی ویژگی‌های ذخیره‌شده)</translation>
    </message>
    <message>
        <location filename="../ui/train_page.cpp" line="124" />
        <source>EMA of the weights</source>
        <translation>EMA وزن‌ها</translation>
    </message>
    <message>
        <location filename="../ui/train_page.cpp" line="126" />
        <source>Evaluate and keep an exponential moving average of the weights (decay: the head's recipe, 0.9997 for average pooling, 0.99 for attention pooling)</source>
        <translation>میانگین متحرک نمایی وزن‌ها را بسنج و نگه دار (نرخ زوال: دستورِ سر، ۰٫۹۹۹۷ برای ادغام میانگین، ۰٫۹۹ برای ادغام توجه)</translation>
    </message>
    <message>
        <location filename="../ui/train_page.cpp" line="128" />
        <source>Mix&amp;up (the follow-up's)</source>
        <translation>Mix&amp;up (از مقالهٔ بعدی)</translation>
    </message>
    <message>
        <location filename="../ui/train_page.cpp" line="130" />
        <source>Average the first half of every batch with the second half, with the union of their tags</source>
        <translation>نیمهٔ نخست هر دسته را با نیمهٔ دوم میانگین بگیر، با اجتماع برچسب‌هایشان</translation>
    </message>
    <message>
        <location filename="../ui/train_page.cpp" line="131" />
        <source>Mi&amp;xed precision (bfloat16)</source>
        <translation>دقت &amp;ترکیبی (bfloat16)</translation>
    </message>
    <message>
        <location filename="../ui/train_page.cpp" line="143" />
        <source>default: runs/&lt;dataset&gt;-&lt;loss&gt;-&lt;time&gt;</source>
        <translation>پیش‌فرض: runs/&lt;مجموعه‌داده&gt;-&lt;زیان&gt;-&lt;زمان&gt;</translation>
    </message>
    <message>
        <location filename="../ui/train_page.cpp" line="144" />
        <source>&amp;Start</source>
        <translation>&amp;شروع</translation>
    </message>
    <message>
        <location filename="../ui/train_page.cpp" line="146" />
        <source>S&amp;top</source>
        <translation>&amp;توقف</translation>
    </message>
    <message>
        <location filename="../ui/train_page.cpp" line="148" />
        <source>&amp;Resume...</source>
        <translation>&amp;ادامه...</translation>
    </message>
    <message>
        <location filename="../ui/train_page.cpp" line="149" />
        <source>&amp;Load configuration...</source>
        <translation>&amp;بارگیری پیکربندی...</translation>
    </message>
    <message>
        <location filename="../ui/train_page.cpp" line="151" />
        <source>Start from a run's config.json: what you change in the form changes only that field</source>
        <translation>از config.json یک اجرا آغاز کن: هر چه در فرم تغییر دهید فقط همان فیلد را تغییر می‌دهد</translation>
    </message>
    <message>
        <location filename="../ui/train_page.cpp" line="154" />
        <source>Pick a dataset on the Dataset page.</source>
        <translation>در صفحهٔ مجموعه‌داده، مجموعه‌داده‌ای برگزینید.</translation>
    </message>
    <message>
        <location filename="../ui/train_page.cpp" line="169" />
        <source>&amp;Loss:</source>
        <translation>&amp;تابع زیان:</translation>
    </message>
    <message>
        <location filename="../ui/train_page.cpp" line="170" />
        <source>&amp;Backbone:</source>
        <translation>&amp;ستون فقرات:</translation>
    </message>
    <message>
        <location filename="../ui/train_page.cpp" line="171" />
        <source>&amp;Head:</source>
        <translation>&amp;سر:</translation>
    </message>
    <message>
        <location filename="../ui/train_page.cpp" line="175" />
        <source>&amp;Pretrained:</source>
        <translation>&amp;پیش‌آموخته:</translation>
    </message>
    <message>
        <location filename="../ui/train_page.cpp" line="178" />
        <source>&amp;Epochs:</source>
        <translation>&amp;دوره‌ها:</translation>
    </message>
    <message>
        <location filename="../ui/train_page.cpp" line="179" />
        <source>Batch si&amp;ze:</source>
        <translation>&amp;اندازهٔ دسته:</translation>
    </message>
    <message>
        <location filename="../ui/train_page.cpp" line="180" />
        <source>Learning &amp;rate:</source>
        <translation>&amp;نرخ یادگیری:</translation>
    </message>
    <message>
        <location filename="../ui/train_page.cpp" line="181" />
        <source>&amp;Image size:</source>
        <translation>اندازهٔ &amp;تصویر:</translation>
    </message>
    <message>
        <location filename="../ui/train_page.cpp" line="182" />
        <source>&amp;Device:</source>
        <translation>&amp;دستگاه:</translation>
    </message>
    <message>
        <location filename="../ui/train_page.cpp" line="183" />
        <source>&amp;Mode:</source>
        <translation>&amp;حالت:</translation>
    </message>
    <message>
        <location filename="../ui/train_page.cpp" line="187" />
        <source>&amp;Run folder:</source>
        <translation>&amp;پوشهٔ اجرا:</translation>
    </message>
    <message>
        <location filename="../ui/train_page.cpp" line="204" />
        <location filename="../ui/train_page.cpp" line="213" />
        <source>epoch</source>
        <translation>دوره</translation>
    </message>
    <message>
        <location filename="../ui/train_page.cpp" line="205" />
        <source>loss</source>
        <translation>زیان</translation>
    </message>
    <message>
        <location filename="../ui/train_page.cpp" line="206" />
        <source>train loss</source>
        <translation>زیان آموزش</translation>
    </message>
    <message>
        <location filename="../ui/train_page.cpp" line="333" />
        <source>Cannot load the configuration: %1</source>
        <translation>پیکربندی بارگیری نمی‌شود: %1</translation>
    </message>
    <message>
        <location filename="../ui/train_page.cpp" line="337" />
        <source>Configuration %1 loaded (dataset %2).</source>
        <translation>پیکربندی %1 بارگیری شد (مجموعه‌داده %2).</translation>
    </message>
    <message>
        <location filename="../ui/train_page.cpp" line="344" />
        <source>Load configuration</source>
        <translation>بارگیری پیکربندی</translation>
    </message>
    <message>
        <location filename="../ui/train_page.cpp" line="344" />
        <source>Configuration (*.json)</source>
        <translation>پیکربندی (*.json)</translation>
    </message>
    <message>
        <location filename="../ui/train_page.cpp" line="467" />
        <source>test loss (the selection split, as in the paper)</source>
        <translation>زیان آزمون (بخش گزینش، مانند مقاله)</translation>
    </message>
    <message>
        <location filename="../ui/train_page.cpp" line="209" />
        <source>train loss (smoothed, per batch)</source>
        <translation>زیان آموزش (هموار، هر دسته)</translation>
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
        <translation>F1 هر کلاس</translation>
    </message>
    <message>
        <location filename="../ui/train_page.cpp" line="86" />
        <source>average pooling (2023 paper)</source>
        <translation>ادغام میانگین (مقالهٔ ۲۰۲۳)</translation>
    </message>
    <message>
        <location filename="../ui/train_page.cpp" line="87" />
        <source>attention pooling (2024 follow-up)</source>
        <translation>ادغام توجه (مقالهٔ بعدی ۲۰۲۴)</translation>
    </message>
    <message>
        <location filename="../ui/train_page.cpp" line="138" />
        <source>bfloat16 autocast of the forward pass (the losses and metrics stay float32): several times faster than float32 on CPUs with bfloat16 instructions (AVX512_BF16 or AMX), much slower on others. On a GPU: faster, and about 40% of the memory.
This CPU: %1</source>
        <translation>autocast با bfloat16 در گذر رو به جلو (تابع‌های زیان و معیارها float32 می‌مانند): روی CPUهایی که دستورهای bfloat16 دارند (AVX512_BF16 یا AMX) چند برابر سریع‌تر از float32 و روی بقیه بسیار کندتر. روی GPU: سریع‌تر و با حدود ۴۰٪ حافظه.
این CPU: %1</translation>
    </message>
    <message>
        <location filename="../ui/train_page.cpp" line="208" />
        <source>selection-split loss</source>
        <translation>زیان بخش گزینش</translation>
    </message>
    <message>
        <location filename="../ui/train_page.cpp" line="214" />
        <source>F1 (at threshold 0.5)</source>
        <translation>F1 (در آستانهٔ 0.5)</translation>
    </message>
    <message>
        <location filename="../ui/train_page.cpp" line="216" />
        <source>N+ (labels with a true positive)</source>
        <translation>N+ (برچسب‌های دارای مثبت درست)</translation>
    </message>
    <message>
        <location filename="../ui/train_page.cpp" line="218" />
        <source>per-image F1</source>
        <translation>F1 هر تصویر</translation>
    </message>
    <message>
        <location filename="../ui/train_page.cpp" line="265" />
        <source>Pretrained weights</source>
        <translation>وزن‌های ازپیش‌آموخته</translation>
    </message>
    <message>
        <location filename="../ui/train_page.cpp" line="265" />
        <source>Weights (*.safetensors *.pth *.pt)</source>
        <translation>وزن‌ها (*.safetensors *.pth *.pt)</translation>
    </message>
    <message>
        <location filename="../ui/train_page.cpp" line="369" />
        <source>%1/runs/&lt;dataset&gt;-&lt;loss&gt;-&lt;time&gt;</source>
        <translation>%1/runs/&lt;مجموعه‌داده&gt;-&lt;زیان&gt;-&lt;زمان&gt;</translation>
    </message>
    <message>
        <location filename="../ui/train_page.cpp" line="375" />
        <source>Load a dataset with its images first (Dataset page)</source>
        <translation>نخست مجموعه‌داده‌ای را با تصویرهایش بار کنید (صفحهٔ مجموعه‌داده)</translation>
    </message>
    <message>
        <location filename="../ui/train_page.cpp" line="377" />
        <source>Ready to train on %1.</source>
        <translation>آمادهٔ آموزش روی %1.</translation>
    </message>
    <message>
        <location filename="../ui/train_page.cpp" line="378" />
        <source>Pick a dataset with images on the Dataset page.</source>
        <translation>در صفحهٔ مجموعه‌داده، مجموعه‌داده‌ای با تصویر برگزینید.</translation>
    </message>
    <message>
        <location filename="../ui/train_page.cpp" line="392" />
        <source>Run folder to resume</source>
        <translation>پوشهٔ اجرا برای ادامه</translation>
    </message>
    <message>
        <location filename="../ui/train_page.cpp" line="414" />
        <source>test loss</source>
        <translation>زیان آزمون</translation>
    </message>
    <message>
        <location filename="../ui/train_page.cpp" line="415" />
        <location filename="../ui/train_page.cpp" line="468" />
        <source>%1 loss</source>
        <translation>زیان %1</translation>
    </message>
    <message>
        <location filename="../ui/train_page.cpp" line="442" />
        <source>Starting...</source>
        <translation>در حال شروع...</translation>
    </message>
    <message>
        <location filename="../ui/train_page.cpp" line="449" />
        <source>Epoch %1/%2, batch %3/%4 — loss %5 — %6 images/s — ETA %7</source>
        <translation>دورهٔ %1/%2، دستهٔ %3/%4 — زیان %5 — %6 تصویر/ثانیه — زمان باقی‌مانده %7</translation>
    </message>
    <message>
        <location filename="../ui/train_page.cpp" line="460" />
        <source>Extracting features: batch %1/%2</source>
        <translation>استخراج ویژگی‌ها: دستهٔ %1/%2</translation>
    </message>
    <message>
        <location filename="../ui/train_page.cpp" line="484" />
        <source>Failed: %1</source>
        <translation>ناموفق: %1</translation>
    </message>
</context>
<context>
    <name>aia::ui::TrainingWorker</name>
    <message>
        <location filename="../ui/training_controller.cpp" line="104" />
        <location filename="../ui/training_controller.cpp" line="118" />
        <location filename="../ui/training_controller.cpp" line="135" />
        <source>unknown error in the training thread</source>
        <translation>خطای ناشناخته در رشتهٔ آموزش</translation>
    </message>
    <message>
        <location filename="../ui/training_controller.cpp" line="127" />
        <source>Experiment: %1 cells finished, %2 failed, %3 not run.</source>
        <translation>آزمایش: %1 خانه پایان یافت، %2 ناموفق، %3 اجرا نشد.</translation>
    </message>
</context>
</TS>