"""Word lists the documents are made of: names, employers, issuers, titles, journals.

Everything is plain data; the layouts pick from it with a seeded ``random.Random`` so a seed
always gives the same document. The lists are realistic for Changde / Hunan, not real people.
"""

from __future__ import annotations

import random

SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢"
    "姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
)
GIVEN_CHARS = (
    "伟芳娜秀敏静丽强磊军洋勇艳杰涛明超霞平刚桂英华建文辉玲红志新海波宇鹏飞凤兰晨欣怡思佳雨浩然子轩梓涵"
    "一诺俊杰博文晓东国庆立群春梅秋菊冬云永康德胜振华少林卫东爱民湘君沅芷澧兰德顺光荣建国红梅海燕"
)

EMPLOYERS = (
    "常德市第一人民医院",
    "常德市农林科学研究院",
    "湖南文理学院",
    "常德职业技术学院",
    "常德市第二中学",
    "常德市水利水电勘测设计院",
    "鼎城区农业农村局",
    "武陵区疾病预防控制中心",
    "桃源县人民医院",
    "澧县自然资源局",
    "常德市建筑设计院有限公司",
    "湖南中联重科常德分公司",
    "常德市畜牧水产事务中心",
    "汉寿县第一中学",
    "常德市中医医院",
)

CITY_ISSUERS = ("常德市人民政府", "常德市科学技术局", "常德市人力资源和社会保障局")
PROVINCE_ISSUERS = ("湖南省人民政府", "湖南省科学技术厅", "湖南省教育厅")
COUNTY_ISSUERS = ("桃源县人民政府", "澧县人民政府", "鼎城区人民政府", "汉寿县人民政府", "石门县人民政府")
NATIONAL_ISSUERS = ("中华人民共和国国务院", "国家科学技术奖励工作办公室")

AWARD_NAMES = {
    "national": ("国家科学技术进步奖",),
    "provincial": (
        "湖南省科学技术进步奖",
        "湖南省自然科学奖",
        "湖南省社会科学优秀成果奖",
        "湖南省技术发明奖",
    ),
    "municipal": ("常德市科学技术进步奖", "常德市社会科学优秀成果奖", "常德市自然科学优秀论文奖"),
    "county": ("桃源县科学技术进步奖", "澧县科技创新奖", "鼎城区科学技术进步奖"),
}

PROJECT_SOURCES = {
    "national": ("国家自然科学基金", "国家社会科学基金", "国家重点研发计划"),
    "provincial": (
        "湖南省自然科学基金",
        "湖南省重点研发计划",
        "湖南省社会科学基金",
    ),
    # A provincial department's own programme is a 厅级 project: municipal level (市（厅）级).
    "municipal": (
        "常德市科技局科技创新计划",
        "常德市社会科学课题",
        "常德市卫生健康委科研计划",
        "湖南省教育厅科学研究项目",
    ),
    "county": ("澧县科技计划项目", "桃源县科技计划项目"),
}
# Sources that name their issuer: the certificate must not pair them with another body.
PROJECT_SOURCE_ISSUER = {"湖南省教育厅科学研究项目": "湖南省教育厅"}
PROJECT_ISSUERS = {
    "national": ("国家自然科学基金委员会", "全国哲学社会科学工作办公室", "中华人民共和国科学技术部"),
    "provincial": ("湖南省科学技术厅", "湖南省社会科学界联合会"),
    "municipal": ("常德市科学技术局", "常德市社会科学界联合会", "常德市卫生健康委员会"),
    "county": ("澧县科学技术局", "桃源县科学技术局"),
}

# Title pieces: "<topic><method>研究" style titles that read like real ones.
TOPICS = (
    "洞庭湖区水稻",
    "湘北丘陵茶园",
    "沅江流域水质",
    "常德市城区地下管网",
    "柑橘黄龙病",
    "中小学数学课堂",
    "基层医院糖尿病患者",
    "高职院校实训教学",
    "农村饮水安全工程",
    "装配式建筑构件",
    "生猪养殖废弃物",
    "稻虾综合种养",
    "老年高血压患者",
    "智慧社区治理",
    "桥梁混凝土裂缝",
    "中药材黄精",
    "土壤重金属污染",
    "新能源汽车电池",
    "乡村振兴背景下合作社",
    "急性心肌梗死患者",
)
METHODS = (
    "高产栽培技术",
    "监测与评价",
    "病虫害绿色防控",
    "信息化管理模式",
    "安全风险评估",
    "护理干预效果",
    "教学改革与实践",
    "综合治理技术",
    "数值模拟分析",
    "资源化利用技术",
    "优化设计方法",
    "质量控制体系",
    "健康管理策略",
    "智能检测装置",
    "精准施肥技术",
)
TITLE_TAILS = ("研究", "的研究与应用", "初探", "分析", "的实践探索", "关键技术研究", "应用研究")

PATENT_OBJECTS = (
    "一种水稻育秧盘",
    "一种便携式水质检测装置",
    "一种建筑外墙保温板",
    "一种智能灌溉控制系统",
    "一种医用输液架",
    "一种柑橘采摘器",
    "一种桥梁裂缝检测机器人",
    "一种教学用多功能黑板",
    "一种中药材切片装置",
    "一种畜禽粪污发酵罐",
    "一种混凝土养护装置",
    "一种基于图像识别的病虫害预警方法",
    "一种护理用翻身辅助床",
    "一种渔业增氧设备",
)

JOURNALS = (
    # name, ISSN, CN (None: ISSN only), publisher city / sponsor
    ("湖南农业科学", "1006-060X", "43-1099/S", "湖南省农业科学院"),
    ("中国农学通报", "1000-6850", "11-1984/S", "中国农学会"),
    ("湖南师范大学学报(医学版)", "1673-016X", "43-1467/R", "湖南师范大学"),
    ("现代农业科技", "1007-5739", "34-1278/S", "安徽省农业科学院"),
    ("中国卫生统计", "1002-3674", "21-1153/R", "中国医科大学"),
    ("农业现代化研究", "1000-0275", "43-1132/S", "中国科学院亚热带农业生态研究所"),
    ("湖南水利水电", "1005-7242", "43-1224/TV", "湖南省水利水电科学研究院"),
    ("教育观察", "2095-3437", "45-1375/G4", "广西出版传媒集团"),
    ("护理研究", "1009-6493", "14-1272/R", "中国农村卫生事业管理研究会"),
    ("中外建筑", "1008-0422", "43-1254/TU", "湖南省建筑设计院"),
    ("常德师范学院学报", "1672-6154", "43-1306/C", "湖南文理学院"),
    ("中国医院管理", "1001-5329", "23-1041/C", "黑龙江省卫生健康发展研究中心"),
)
# Journals that have an ISSN only (no 国内统一刊号): the `no_cn_number` case.
ISSN_ONLY_JOURNALS = (
    ("International Journal of Agricultural Science", "2167-0447", None, "Academic Research Publishing"),
    ("环球科技研究", "2709-2836", None, "香港环球科学出版社"),
    ("亚洲教育研究", "2630-5045", None, "新加坡学术出版社"),
)

PUBLISHERS = (
    ("湖南科学技术出版社", "978-7-5710"),
    ("中国农业出版社", "978-7-109"),
    ("湖南教育出版社", "978-7-5539"),
    ("人民卫生出版社", "978-7-117"),
    ("中国水利水电出版社", "978-7-5226"),
    ("湖南人民出版社", "978-7-5561"),
)
BOOK_KINDS = ("著", "主编", "编著", "副主编")

TRAINING_TOPICS_PUBLIC = (
    "数字产业化和产业数字化",
    "守好安全生产底线",
    "创新驱动发展",
    "专业技术人员职业道德与诚信建设",
    "习近平新时代中国特色社会主义思想专题",
    "人工智能与数字经济",
)
TRAINING_TOPICS_PRO = (
    "基层农技推广骨干能力提升",
    "全科医生转岗培训",
    "中小学教师信息技术应用能力提升",
    "水利工程质量安全管理",
    "建筑工程BIM技术应用",
    "畜禽养殖疫病防控技术",
    "护理质量与安全管理",
    "高职院校双师型教师能力提升",
    "耕地质量保护与提升",
    "公共卫生应急处置能力",
)
TRAINING_ISSUERS_PRO = (
    "湖南省农业农村厅",
    "常德市卫生健康委员会",
    "常德市教育局",
    "湖南省水利厅",
    "常德市住房和城乡建设局",
    "湖南农业大学继续教育学院",
    "湖南省专业技术人员继续教育基地",
)
# 文号 prefix of each issuing office (常人社函〔2024〕21号, 湘农函〔2023〕15号 ...).
DOC_PREFIX = {
    "湖南省农业农村厅": "湘农",
    "常德市卫生健康委员会": "常卫",
    "常德市教育局": "常教",
    "湖南省水利厅": "湘水",
    "常德市住房和城乡建设局": "常建",
    "湖南农业大学继续教育学院": "湘农大继",
    "湖南省专业技术人员继续教育基地": "湘继教",
}
PUBLIC_ISSUER = "常德市人社局培训中心"
TRAINING_VENUES = (
    "常德技师学院",
    "常德市行政中心会议室",
    "湖南文理学院继续教育学院",
    "长沙市湖南宾馆",
    "常德国际会展中心",
)

ONLINE_PLATFORMS = (
    ("湖南省专业技术人员继续教育网", "湖南省人力资源和社会保障厅"),
    ("国家专业技术人员继续教育公共服务平台", "中国人事科学研究院"),
    ("华医网", "国家卫生健康委能力建设和继续教育中心"),
    ("国家中小学智慧教育平台", "教育部教育技术与资源发展中心"),
)

CONFERENCES = (
    "第十二届全国水稻栽培学术研讨会",
    "湖南省医学会心血管病学年会",
    "中南地区基础教育创新论坛",
    "全国水利信息化技术交流会",
    "湖南省农学会2023年学术年会",
    "中国护理管理大会",
    "长江经济带生态保护论坛",
)
CONFERENCE_HOSTS = (
    "湖南省农学会",
    "湖南省医学会",
    "中国水利学会",
    "湖南省教育学会",
    "中华护理学会",
    "湖南省科学技术协会",
)

PRACTICE_ACTIVITIES = (
    "科技特派员服务乡村振兴实践活动",
    "送医下乡义诊实践活动",
    "农技服务进村入户实践活动",
    "教师支教帮扶实践活动",
    "防汛抗旱技术指导实践活动",
    "乡村规划设计下乡服务",
)

AID_KINDS = (
    ("援藏", "湖南省对口支援西藏山南市", "中共湖南省委组织部"),
    ("援疆", "湖南省对口支援新疆吐鲁番市", "中共湖南省委组织部"),
    ("东西部协作", "湘西州—常德东西部扶贫协作", "湖南省乡村振兴局"),
    ("援外", "中国援塞拉利昂医疗队", "湖南省卫生健康委员会"),
)

DEGREE_SCHOOLS = ("湖南农业大学", "中南大学", "湖南师范大学", "湘潭大学", "湖南中医药大学")
DEGREE_COURSES = (
    "中国特色社会主义理论与实践研究",
    "学术英语",
    "高级统计学",
    "作物栽培学专题",
    "现代教育技术",
    "科研方法与论文写作",
    "工程数学",
    "管理学原理",
    "流行病学",
    "土壤学进展",
    "高级护理实践",
    "数据分析与建模",
)
QUAL_EXAMS = (
    (
        "一级建造师执业资格考试",
        ("建设工程经济", "建设工程法规及相关知识", "建设工程项目管理", "专业工程管理与实务"),
        60,
    ),
    (
        "执业药师职业资格考试",
        ("药学专业知识（一）", "药学专业知识（二）", "药事管理与法规", "药学综合知识与技能"),
        72,
    ),
    (
        "注册安全工程师职业资格考试",
        ("安全生产法律法规", "安全生产管理", "安全生产技术基础", "安全生产专业实务"),
        60,
    ),
    ("经济专业技术资格考试（中级）", ("经济基础知识", "人力资源管理专业知识和实务"), 84),
)
OVERSEAS_HOSTS = (
    ("新加坡国立大学", "Singapore"),
    ("日本东京农业大学", "Tokyo"),
    ("香港理工大学", "Hong Kong"),
    ("德国慕尼黑工业大学", "Munich"),
)
DIGITAL_MODULES = (
    "人工智能基础应用",
    "大数据分析与应用",
    "数字办公应用",
    "网络安全基础",
    "云计算基础",
    "数据可视化",
)

UNRELATED_PAGES = (
    ("会议纪要", "关于召开2023年度部门工作总结会议的纪要"),
    ("工作总结", "2022年度个人工作总结"),
    ("单位证明", "兹证明我单位职工在职在岗情况属实"),
)


def person_name(rng: random.Random) -> str:
    """A two- or three-character Chinese name."""
    surname = rng.choice(SURNAMES)
    n = 1 if rng.random() < 0.3 else 2
    return surname + "".join(rng.choice(GIVEN_CHARS) for _ in range(n))


def other_names(rng: random.Random, k: int, exclude: set[str]) -> list[str]:
    """k distinct names, none in ``exclude``."""
    out: list[str] = []
    while len(out) < k:
        n = person_name(rng)
        if n not in exclude and n not in out:
            out.append(n)
    return out


def romanised(name: str, given_first: bool = False) -> str:
    """A Chinese name in pinyin as English pages print it: 史国德 -> Shi Guode (certificates,
    team lists) or, ``given_first``, Guode Shi (English journals' bylines)."""
    from pypinyin import lazy_pinyin

    py = lazy_pinyin(name)
    surname, given = py[0].capitalize(), "".join(py[1:]).capitalize()
    return f"{given} {surname}" if given_first else f"{surname} {given}"


def research_title(rng: random.Random) -> str:
    return rng.choice(TOPICS) + rng.choice(METHODS) + rng.choice(TITLE_TAILS)


# Foreign journals with an ISSN only: name, ISSN, CN (none), publisher, year of volume 1 - 1.
ENGLISH_JOURNALS = (
    ("Journal of Agricultural Science and Technology", "1939-1250", None, "David Publishing Company", 2008),
    ("International Journal of Clinical Medicine", "2158-284X", None, "Scientific Research Publishing", 2009),
    ("Water Resources Research Letters", "2325-7903", None, "Open Science Press", 2012),
    ("Asian Journal of Education and Training", "2519-5387", None, "Asian Online Journal Publishing", 2014),
)
_EN_HEADS = ("Effects of", "Study on", "Analysis of", "Application of", "Research on", "Evaluation of")
_EN_TOPICS = ("Rice Cultivation", "Soil Nutrient Management", "Community Nursing",
              "Flood Control Engineering",
              "Primary School Mathematics Teaching", "Cardiovascular Risk Screening", "Irrigation Scheduling",
              "Citrus Pest Control", "Rural Health Education", "Reservoir Safety Monitoring")
_EN_TAILS = ("in Hunan Province", "in the Dongting Lake Region", "Based on Field Trials",
             "under Climate Change", "in County Hospitals", "in Changde City")


def english_title(rng: random.Random) -> str:
    return f"{rng.choice(_EN_HEADS)} {rng.choice(_EN_TOPICS)} {rng.choice(_EN_TAILS)}"


HOSTS_EN = {
    "湖南省农学会": "the Hunan Agricultural Society",
    "湖南省医学会": "the Hunan Medical Association",
    "中国水利学会": "the Chinese Hydraulic Engineering Society",
    "湖南省教育学会": "the Hunan Society of Education",
    "中华护理学会": "the Chinese Nursing Association",
    "湖南省科学技术协会": "the Hunan Association for Science and Technology",
    "新加坡国立大学": "the National University of Singapore",
    "日本东京农业大学": "Tokyo University of Agriculture",
    "香港理工大学": "The Hong Kong Polytechnic University",
    "德国慕尼黑工业大学": "the Technical University of Munich",
}
