// assay_icon_renderer: renders the application's SVG icon to PNG (one size) or ICO (several sizes)
// at build time, so packaging needs neither rsvg-convert nor Inkscape.
//
//   assay_icon_renderer INPUT.svg OUTPUT.png SIZE
//   assay_icon_renderer INPUT.svg OUTPUT.ico SIZE[,SIZE...]
//
// It needs no display: it paints on a QImage, without a QGuiApplication.
#include <QBuffer>
#include <QByteArray>
#include <QDataStream>
#include <QImage>
#include <QList>
#include <QPainter>
#include <QSaveFile>
#include <QString>
#include <QStringList>
#include <QSvgRenderer>
#include <cstdio>

namespace {

int fail(const QString &message)
{
    std::fprintf(stderr, "assay_icon_renderer: %s\n", qPrintable(message));
    return 1;
}

QImage render(QSvgRenderer &renderer, int size)
{
    QImage image(size, size, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::transparent);
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setRenderHint(QPainter::SmoothPixmapTransform);
    renderer.render(&painter, QRectF(0, 0, size, size));
    painter.end();
    return image.convertToFormat(QImage::Format_ARGB32);
}

QByteArray toPng(const QImage &image)
{
    QByteArray png;
    QBuffer buffer(&png);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return png;
}

// An ICO file whose entries are PNG streams (read by Windows Vista and later, and by NSIS).
QByteArray toIco(const QList<QImage> &images)
{
    QList<QByteArray> pngs;
    for (const QImage &image : images)
        pngs.append(toPng(image));

    QByteArray ico;
    QDataStream out(&ico, QIODevice::WriteOnly);
    out.setByteOrder(QDataStream::LittleEndian);
    out << quint16(0) << quint16(1) << quint16(images.size()); // reserved, type 1 = icon, count
    quint32 offset = 6 + 16 * quint32(images.size());
    for (int i = 0; i < images.size(); ++i) {
        const int size = images.at(i).width();
        const quint8 edge = size >= 256 ? 0 : quint8(size); // 0 means 256
        out << edge << edge << quint8(0) << quint8(0);      // width, height, palette, reserved
        out << quint16(1) << quint16(32);                   // colour planes, bits per pixel
        out << quint32(pngs.at(i).size()) << offset;
        offset += quint32(pngs.at(i).size());
    }
    for (const QByteArray &png : pngs)
        out.writeRawData(png.constData(), int(png.size()));
    return ico;
}

} // namespace

int main(int argc, char **argv)
{
    if (argc != 4)
        return fail(QStringLiteral("usage: assay_icon_renderer INPUT.svg OUTPUT.png|OUTPUT.ico "
                                   "SIZE[,SIZE...]"));
    const QString input = QString::fromLocal8Bit(argv[1]);
    const QString output = QString::fromLocal8Bit(argv[2]);

    QList<int> sizes;
    const QStringList sizeTexts = QString::fromLocal8Bit(argv[3]).split(QLatin1Char(','));
    for (const QString &text : sizeTexts) {
        bool ok = false;
        const int size = text.toInt(&ok);
        if (!ok || size < 1 || size > 1024)
            return fail(QStringLiteral("'%1' is not a size from 1 to 1024").arg(text));
        sizes.append(size);
    }
    const bool ico = output.endsWith(QLatin1String(".ico"), Qt::CaseInsensitive);
    if (!ico && sizes.size() != 1)
        return fail(QStringLiteral("a PNG has exactly one size; use an .ico for several"));
    if (ico && sizes.size() > 0xFFFF)
        return fail(QStringLiteral("too many sizes for one .ico"));

    QSvgRenderer renderer(input);
    if (!renderer.isValid())
        return fail(QStringLiteral("cannot read the SVG file %1").arg(input));
    renderer.setAspectRatioMode(Qt::KeepAspectRatio);

    QList<QImage> images;
    for (int size : sizes)
        images.append(render(renderer, size));

    QSaveFile file(output);
    if (!file.open(QIODevice::WriteOnly))
        return fail(QStringLiteral("cannot write %1: %2").arg(output, file.errorString()));
    file.write(ico ? toIco(images) : toPng(images.constFirst()));
    if (!file.commit())
        return fail(QStringLiteral("cannot write %1: %2").arg(output, file.errorString()));
    return 0;
}
