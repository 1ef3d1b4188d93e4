// SegmentLanguage
