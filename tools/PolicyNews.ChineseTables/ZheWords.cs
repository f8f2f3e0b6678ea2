namespace PolicyNews.ChineseTables;

/// <summary>
/// 著 in Traditional text is two words that Simplified writes apart: zhe/zhuó/zháo (the aspect
/// particle 隨著, and 著手, 著陸, 穿著, 睡著) is 着, zhù (to write; notable: 著作, 著名, 顯著) stays
/// 著. OpenCC's Traditional→Simplified tables leave every 著 alone, because OpenCC's own
/// Traditional writes the particle 着; Taiwan, Hong Kong and our sources write 著 for both, so the
/// particle stayed 著 in our Simplified pages (隨著, 意味著, 看著).
///
/// The particle and zhuó are far more frequent, so 著 becomes 着 by default and the zhù words
/// below keep it. They come from OpenCC's TWVariantsRevPhrases (the words its Taiwan converter
/// protects: 著作, 著名, 顯著, 名著 …) and from the Xiandai Hanyu's zhù compounds (土著, 專著 …).
/// OpenCC's 著於, 著白, 著式, 著志 are left out: 執著於 and 穿著白 are far more common than
/// the classical zhù words they protect.
///
/// A zhù word that starts with 著 can take the particle of the verb before it (看著作品, 寫著名字,
/// 隨著名氣上升). Forward maximum matching starts at the verb, so the particle words listed here
/// (verb + 著 → 着) win there. Only verbs after which 著名/著作 reads as zhù almost never are
/// listed: 有著名的 and 代表著名企業 are left to the zhù reading. 為著 (for the sake of) is
/// listed, but 為著名 is listed as zhù, longer and so preferred: 成為著名, 因為著名, 最為著名 are
/// far more common than 為著名利.
/// </summary>
public static class ZheWords
{
    public static readonly string[] Zhu =
    [
        "著作", "著名", "著稱", "著述", "著錄", "著書", "著者", "著譯",
        "顯著", "名著", "巨著", "鉅著", "昭著", "合著", "土著", "專著", "論著", "原著",
        "編著", "遺著", "譯著", "拙著", "卓著", "撰著",
        "為著名",
    ];

    /// <summary>Verbs that take the particle; each gives the word verb + 著, converted with 着.</summary>
    private static readonly string[] ParticleVerbs =
    [
        "隨", "意味", "看", "接", "緊接", "沿", "帶", "朝", "為", "藉", "憑", "順", "本", "圍繞", "伴隨",
        "寫", "叫", "喊", "念", "唸", "刻", "印", "標", "拿", "抱", "捧", "讀", "聽", "望", "盯", "想",
        "說", "記", "等", "活", "走", "站", "坐", "躺", "笑", "哭", "唱", "忙", "懷", "守", "領",
        "牽", "拉", "推", "握", "抓", "舉", "扛", "背", "頂", "撐", "掛", "貼", "穿", "戴", "過",
        "充滿", "面臨", "經歷", "承擔", "扮演", "肩負", "引領", "推動", "發揮", "影響", "改變",
        "保持", "堅持", "存在", "進行", "發生", "蘊含", "包含", "預示", "標誌", "象徵", "決定",
    ];

    public static IEnumerable<string> Particle => ParticleVerbs.Select(verb => verb + "著");
}
