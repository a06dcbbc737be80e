"""Words for the benchmark corpus: names of people, narrative sentences, recommendations.

The sentences are the kind Ofsted and council papers write about children's
services practice. They name no organisation (the generator inserts the
partners it chooses in sentences of its own, so the expected record knows every
body a report names), and they carry no grades, dates or counts a reader would
take as findings.
"""
from __future__ import annotations

FIRST_NAMES = [
    "Alison", "Andrew", "Anne", "Brenda", "Catherine", "Christine", "David", "Deborah", "Diane",
    "Emma", "Fiona", "Gary", "Helen", "Ian", "Jane", "Jennifer", "John", "Karen", "Kathryn",
    "Linda", "Lisa", "Margaret", "Mark", "Martin", "Michael", "Nicola", "Paul", "Peter",
    "Rachel", "Richard", "Robert", "Sarah", "Sharon", "Stephen", "Susan", "Tracey", "Wendy",
]
LAST_NAMES = [
    "Ashworth", "Bailey", "Barker", "Bennett", "Bradshaw", "Chapman", "Clarke", "Dawson",
    "Ellis", "Fletcher", "Foster", "Gardner", "Gibson", "Hancock", "Harding", "Hughes",
    "Jarvis", "Kendall", "Lambert", "Marsden", "Moss", "Naylor", "Osborne", "Parry",
    "Pearson", "Preston", "Rowley", "Sharpe", "Simmons", "Thornton", "Wainwright", "Walsh",
    "Whitfield", "Yates",
]

# Narrative sentences; {place} is the council's short name.
NARRATIVE = [
    "Children and families who need help receive a timely and proportionate response from the front door service.",
    "Thresholds are well understood by professionals, and most contacts are screened promptly by qualified social workers.",
    "Management oversight of decision-making at the front door is clear and recorded on children's records.",
    "Strategy discussions are held promptly when children are at risk of significant harm, and they are well attended.",
    "Most assessments are timely and consider the history of the family, although the analysis of risk is not always sharp enough.",
    "Social workers know their children well and speak warmly and with respect about the children they work with.",
    "Direct work with children is purposeful, and their wishes and feelings are recorded and inform their plans.",
    "In a small number of cases, plans are not specific enough about what needs to change and by when.",
    "Child protection conferences are timely, and children's plans are reviewed regularly by core groups.",
    "When risks to children increase, decisions to step up to child protection processes are made without delay.",
    "The response to children who go missing from home or care has improved, and return home interviews are offered routinely.",
    "Children at risk of exploitation are identified quickly, and multi-agency meetings consider the risks they face outside the home.",
    "Disabled children receive a service from a specialist team that knows them well, and their plans reflect their needs.",
    "Private fostering arrangements are identified and assessed, although awareness among some professionals remains low.",
    "Children in care live in homes that meet their needs, and most are making good progress in their education.",
    "Decisions for children to come into care are appropriate, timely and based on thorough assessment.",
    "Permanence planning is considered early, and parallel planning ensures that children do not wait too long for a permanent home.",
    "Children's health needs are assessed when they come into care, but the timeliness of review health assessments is variable.",
    "The virtual school provides effective challenge and support, and personal education plans are of a consistently good quality.",
    "Independent reviewing officers know their children well, and their oversight is evident on most children's records.",
    "Sufficiency of local placements remains a challenge, and too many children live at a distance from their home area.",
    "Foster carers feel well supported by their supervising social workers and value the training available to them.",
    "Care leavers are supported by personal advisers who stay in touch with them and know them well.",
    "Most care leavers live in suitable accommodation, and young people are helped to develop the skills they need to live independently.",
    "Pathway plans are not always updated when circumstances change, and some are not written with the young person.",
    "The number of care leavers in education, employment or training has increased over the past year.",
    "Senior leaders have a clear understanding of the strengths and weaknesses of services for children and families.",
    "Elected members and the chief executive provide strong political and corporate support for children's services.",
    "Quality assurance arrangements are well established, and audits are increasingly completed with the social workers involved.",
    "Performance information is used well by managers to track the progress of children's plans.",
    "Caseloads are manageable for most social workers, which enables them to spend time with children and families.",
    "Social workers say that they feel well supported and that managers are visible and approachable.",
    "The workforce is increasingly stable, and the reliance on agency staff has reduced over the past year.",
    "Supervision is regular, but its recording does not always show reflection on the impact of the plan for the child.",
    "Corporate parenting arrangements have a clear focus on improving the experiences of children in care.",
    "Leaders have invested in early help services, and families receive support from a range of community-based teams.",
    "Early help assessments are of a good quality and identify the needs of the whole family.",
    "The local authority designated officer arrangements are effective, and allegations are managed in a timely way.",
    "Children who are electively home educated or missing education are tracked carefully, and risks are followed up.",
    "Young people aged 16 and 17 who present as homeless are offered an assessment and suitable accommodation.",
    "Unaccompanied asylum-seeking children are welcomed and supported by staff who understand their experiences.",
    "The quality of practice is improving, but it is not yet consistently good across all teams.",
    "Leaders recognise that there is more to do and have credible plans to strengthen practice further.",
    "Learning from reviews is shared across the partnership and is used to improve practice.",
    "Inspectors saw examples of creative and persistent work with families who find it hard to engage with services.",
]

# The partner sentences; {partner} is the body's name.
POLICE_SENTENCES = [
    "Domestic abuse notifications from {partner} are screened daily, and the most serious are discussed at a multi-agency meeting.",
    "Social workers and officers from {partner} work well together when children are at immediate risk of harm.",
    "Joint investigations with {partner} are timely, and children are seen and spoken to alone.",
]
HEALTH_SENTENCES = [
    "Health partners, including {partner}, contribute well to strategy discussions and child protection conferences.",
    "Leaders work closely with {partner} to improve access to emotional and mental health support for children in care.",
    "Health visitors and school nurses employed by {partner} share information promptly with children's social care.",
    "Initial health assessments for children in care are completed by {partner}, although not all are timely.",
]
BOARD_SENTENCES = [
    "The {partner} provides effective challenge to partners and has a clear set of priorities.",
    "Multi-agency training provided by the {partner} is well regarded by professionals.",
    "The {partner} has undertaken audits of multi-agency practice that have led to improvements in information sharing.",
]

# Recommendations as the inspectorate words them; {partner} where a body is named.
IMPROVE_BULLETS = [
    "The quality and timeliness of assessments for children in need.",
    "The consistency of management oversight and supervision of social work practice.",
    "The timeliness of initial and review health assessments for children in care.",
    "The sufficiency of local placements for children in care, particularly for older children.",
    "The quality of pathway plans and the range of accommodation available for care leavers.",
    "The response to children who are at risk of exploitation outside the home.",
    "Planning for permanence for children in care, so that children do not wait too long.",
    "The effectiveness of the oversight of children's plans by independent reviewing officers.",
    "The quality and impact of supervision for social workers.",
    "The recording of children's wishes and feelings and how they inform their plans.",
    "The response to 16- and 17-year-olds who present as homeless.",
    "The use of performance information and audit to drive improvement in practice.",
]
IMPROVE_BULLETS_WITH_PARTNER = [  # a health body's, then a police force's
    "Access to emotional and mental health services for children in care, with {partner}.",
    "The timeliness of domestic abuse notifications from {partner} to children's social care.",
]
ACTIONS = [
    "ensure that children are seen and seen alone during child protection enquiries and that this is recorded",
    "ensure that all assessments are completed in a timely way and include an analysis of risk",
    "ensure that child protection plans are specific and have clear timescales so that parents understand what needs to change",
    "ensure that management oversight and the reasons for decisions are recorded on children's case files",
    "ensure that strategy discussions include all relevant agencies and are recorded",
    "improve the quality of supervision so that it is reflective and promotes progress for children",
    "ensure that children in care have up-to-date health assessments and that their health needs are met",
    "ensure that pathway plans are completed with young people and reviewed when their circumstances change",
    "ensure that return home interviews are offered to all children who go missing and that the information is used",
    "develop the range of placements so that children in care can live closer to their home area",
    "ensure that quality assurance activity leads to improvements in practice",
    "ensure that children's views are gathered and inform the services they receive",
]
ACTIONS_WITH_PARTNER = [  # a health body's, then a police force's (as IMPROVE_BULLETS_WITH_PARTNER)
    "agree with {partner} a protocol for timely access to child and adolescent mental health services",
    "resolve, with {partner}, the delays in sharing domestic abuse notifications with children's social care",
]
PEER_FEEDBACK = [
    "Develop confidence that practice is consistently of a good standard across all teams.",
    "Consider making the audit process more collaborative, so that social workers learn from it.",
    "Management decision making on cases needs to be more visible on the child's record.",
    "Strengthen the quality of plans so that families understand what needs to change.",
    "Review the capacity of the front door at times of peak demand.",
    "Develop a shared understanding of the practice model across the partnership.",
]
