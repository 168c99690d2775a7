"""Demo content: the employer toolkit at /toolkit/, six steps in our own words, grounded in the seeds.

Steps link to directory resources by URL when the resources loader (order 10) has created them;
without them the steps are created all the same. Existing pages are left as editors left them.
"""

import io

import docx
from django.core.files.base import ContentFile
from django.db import transaction
from wagtail.documents import get_document_model

from hub.core.demo import ensure_child, home_page
from hub.core.registry import demo_content
from resources.models import Resource

from .models import ToolkitAction, ToolkitPage, ToolkitStepPage, ToolkitStepResource


def paragraph(html):
    return ("paragraph", html)


def heading(text, level="h2"):
    return ("heading", {"text": text, "level": level})


def callout(title, body):
    return ("callout", {"title": title, "body": body})


def do_dont(do, dont):
    return ("do_dont", {"do": do, "dont": dont})


def case_study(title, body, source=""):
    return ("case_study", {"title": title, "body": body, "source": source})


URGENT_HELP = (
    "If someone is in immediate danger, call 999. For urgent advice call NHS 111, "
    "and anyone can talk to Samaritans, free, day or night, on 116 123."
)

TOOLKIT_BODY = [
    paragraph(
        "<p>Most people with a common mental health problem such as anxiety or depression are in work, "
        "and good work helps people stay well and recover. This toolkit takes you through six steps: "
        "noticing when someone is struggling, talking about it, adjusting work, planning a return after "
        "time off, preventing problems in the first place, and knowing where to turn for help.</p>"
    ),
    paragraph(
        "<p>Each step has short guidance and a checklist. Tick the actions you have taken as you go: "
        "your ticks are kept for this browser without an account, and your action plan gathers "
        "them up, with the resources for each step, to print or download.</p>"
    ),
]

TEMPLATES = {
    "wellness-action-plan": (
        "Wellness action plan template",
        "wellness-action-plan-template.docx",
        [
            ("What helps you stay well at work?", 4),
            ("What can your manager do to support you to stay well?", 4),
            ("Are there things at work that can trigger poor mental health for you?", 4),
            ("How might we notice early on that you are not feeling well?", 4),
            ("What can we do if we notice these signs?", 4),
            ("Is there anything you would like us to know about how you work best?", 4),
            ("Who can we contact if we are worried about you at work? (optional)", 2),
            ("Date agreed, and date we will look at this plan again", 2),
        ],
    ),
    "return-to-work-guide": (
        "Return-to-work conversation guide",
        "return-to-work-conversation-guide.docx",
        [
            ("Welcome back: how are you feeling about returning?", 3),
            ("What did the fit note or occupational health advice suggest?", 3),
            ("What has changed at work while you were away that you should know about?", 3),
            ("Which adjustments would help for the first weeks (hours, duties, place of work)?", 4),
            ("What does a phased return look like, week by week?", 4),
            ("How and when will we check in, and who else can you talk to?", 3),
            ("Date of the next review", 2),
        ],
    ),
}


def template_docx(title, questions):
    """A fill-in template as a Word document: a heading, a line of guidance and space under each question."""
    document = docx.Document()
    document.core_properties.title = title
    document.add_heading(title, level=0)
    document.add_paragraph(
        "Fill this in together, in the employee's own words. It belongs to them: agree who else sees it, "
        "keep it confidential and look at it again on the date you set."
    )
    for question, lines in questions:
        document.add_heading(question, level=2)
        for _ in range(lines):
            document.add_paragraph("")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def ensure_template_document(key):
    title, filename, questions = TEMPLATES[key]
    Document = get_document_model()
    existing = Document.objects.filter(title=title).first()
    if existing is not None:
        return existing
    document = Document(title=title)
    document.file.save(filename, ContentFile(template_docx(title, questions)), save=False)
    document._set_document_file_metadata()
    document.save()
    return document


def action(text, why):
    return {"text": text, "why_it_matters": why}


def steps(templates):
    wellness_plan = templates["wellness-action-plan"]
    return_guide = templates["return-to-work-guide"]
    return [
        {
            "slug": "recognise-the-signs",
            "title": "Recognise the signs",
            "minutes": 15,
            "summary": (
                "Notice early when someone in your team may be struggling, so support can start before things "
                "get worse."
            ),
            "guidance": [
                paragraph(
                    "<p>Stress, anxiety and depression are among the most common reasons for time off work. "
                    "Noticing early matters: the sooner someone gets support, the more likely they are to "
                    "stay well and stay in work. You are not expected to diagnose anyone, only to notice "
                    "change and open the door to a conversation.</p>"
                ),
                heading("What you might notice"),
                paragraph(
                    "<ul><li>changes in mood or behaviour: more irritable, tearful or withdrawn than usual</li>"
                    "<li>changes in work: more mistakes, missed deadlines, trouble concentrating or deciding</li>"
                    "<li>changes in attendance: lateness, more short absences, or working very long hours</li>"
                    "<li>physical signs: tiredness, headaches, looking unwell or not looking after themselves</li></ul>"
                ),
                callout(
                    "Stress is not an illness, but it can lead to one",
                    "<p>Pressure that goes on too long can turn into anxiety or depression. Employers have a "
                    "legal duty to assess the risk of work-related stress and act on it.</p>",
                ),
                do_dont(
                    [
                        "Get to know what is normal for each person, so you notice change",
                        "Keep regular one-to-ones, even when things seem fine",
                        "Look at your own wellbeing too: stressed managers miss signs",
                    ],
                    [
                        "Guess at a diagnosis or label someone",
                        "Wait for a crisis before saying anything",
                        "Discuss your concerns about someone with colleagues",
                    ],
                ),
            ],
            "actions": [
                action(
                    "Learn the common signs of stress, anxiety and depression at work.",
                    "Knowing what to look for helps you act early, when support is simplest and works best.",
                ),
                action(
                    "Hold regular one-to-one check-ins with each person you manage.",
                    "Routine conversations make it easier to notice change, and easier for people to speak up.",
                ),
                action(
                    "Review sickness absence, overtime and workload figures for patterns.",
                    "Rising absence or long hours in one team can show pressure before anyone mentions it.",
                ),
                action(
                    "Arrange mental health awareness training for line managers.",
                    "Managers are usually the first to notice; training gives them the confidence to respond.",
                ),
            ],
            "resources": [
                "http://www.mind.org.uk/workplace",
                "https://www.hse.gov.uk/stress/",
                "https://www.nhs.uk/every-mind-matters/",
                "https://mhfaengland.org/",
            ],
        },
        {
            "slug": "respond-and-talk",
            "title": "Respond and talk",
            "minutes": 20,
            "summary": "Start a supportive conversation, listen, and agree next steps together.",
            "guidance": [
                paragraph(
                    "<p>Many managers worry about saying the wrong thing, so they say nothing. A simple, "
                    "private 'How are you doing, really?' is usually the right start. Your role is to listen, "
                    "to show that you want to help, and to agree what happens next.</p>"
                ),
                heading("Having the conversation"),
                paragraph(
                    "<ol><li>Choose a private place and a time when neither of you is rushed.</li>"
                    "<li>Ask open questions, such as 'How are things at the moment?' or 'What would help?'</li>"
                    "<li>Listen without judging, and let silences happen.</li>"
                    "<li>Talk about work: what is difficult now, and what could change.</li>"
                    "<li>Agree next steps and a date to talk again.</li></ol>"
                ),
                do_dont(
                    [
                        "Reassure them that talking will not count against them",
                        "Ask what would help, and follow through on what you agree",
                        "Agree together what is kept confidential and who else needs to know",
                    ],
                    [
                        "Promise total confidentiality if someone may be at risk",
                        "Tell them to 'cheer up' or compare them with others",
                        "Push for medical details they do not want to share",
                    ],
                ),
                case_study(
                    "A check-in that changed the outcome",
                    "<p>A warehouse supervisor noticed that a usually punctual team member had been late "
                    "several times and seemed withdrawn. In a private chat she learned he was not sleeping "
                    "and felt overwhelmed. They agreed a later start for a month, he self-referred to NHS "
                    "Talking Therapies, and they filled in a wellness action plan together. He stayed in "
                    "work throughout.</p>",
                    "An illustrative example, not a real person",
                ),
                (
                    "template_document",
                    {
                        "document": wellness_plan,
                        "label": "",
                        "description": (
                            "A simple plan the employee fills in, with you, about what keeps them well at work "
                            "and what to do if they start to struggle."
                        ),
                    },
                ),
                callout("If someone is in crisis", f"<p>{URGENT_HELP}</p>"),
            ],
            "actions": [
                action(
                    "Choose a private, unhurried time and place to ask how they are.",
                    "People talk more openly when they feel safe, and know they will not be overheard or rushed.",
                ),
                action(
                    "Ask open questions and listen more than you talk.",
                    "Listening well shows you take them seriously and helps you understand what would really help.",
                ),
                action(
                    "Agree together what stays confidential and who else needs to know.",
                    "Health information is sensitive; being clear about it builds the trust that support depends on.",
                ),
                action(
                    "Offer to fill in a wellness action plan together.",
                    "It records, in their own words, what keeps them well, early warning signs and what helps.",
                ),
                action(
                    "Keep urgent help numbers to hand: 999, NHS 111 and Samaritans on 116 123.",
                    "If someone is at risk you need to act at once, not search for a number.",
                ),
            ],
            "resources": [
                "http://shift.org.uk/files/employers/lmr2009_web.pdf",
                "https://www.acas.org.uk/supporting-mental-health-workplace",
                "https://www.mind.org.uk/workplace/mental-health-at-work/taking-care-of-your-staff/employer-resources/wellness-action-plan-download/",
                "https://www.samaritans.org/",
            ],
        },
        {
            "slug": "support-at-work",
            "title": "Support at work with reasonable adjustments",
            "minutes": 20,
            "summary": "Change how, when or where someone works so they can stay well and keep doing their job.",
            "guidance": [
                paragraph(
                    "<p>Small changes often make the difference between someone staying in work and going off "
                    "sick. Where a mental health condition has a substantial and long-term effect on day-to-day "
                    "life, the Equality Act 2010 requires employers to make reasonable adjustments; it is good "
                    "practice to offer them whether or not the law requires it.</p>"
                ),
                heading("Adjustments that often help"),
                paragraph(
                    "<ul><li>flexible or changed hours, such as a later start if medication causes "
                    "morning drowsiness</li>"
                    "<li>time off for therapy, counselling or medical appointments</li>"
                    "<li>a quieter place to work, or some home working</li>"
                    "<li>a temporary change of duties, or clearer priorities and written instructions</li>"
                    "<li>more frequent, shorter supervision meetings</li>"
                    "<li>a named colleague or mentor to talk to</li></ul>"
                ),
                callout(
                    "Help with the cost",
                    "<p>Access to Work, from the Department for Work and Pensions, can pay towards support "
                    "that goes beyond reasonable adjustments, and offers a free, confidential mental health "
                    "support service. The employee applies themselves.</p>",
                ),
                do_dont(
                    [
                        "Ask the person what would help: they usually know best",
                        "Write down what you agree and set a date to review it",
                        "Treat adjustments as something you try, review and change",
                    ],
                    [
                        "Decide adjustments for someone without asking them",
                        "Let temporary changes drift on without a review",
                        "Share the reasons for an adjustment with the team without consent",
                    ],
                ),
            ],
            "actions": [
                action(
                    "Ask the employee which changes to their work would help.",
                    "The person knows their condition and their job; their ideas are usually the most practical.",
                ),
                action(
                    "Agree adjustments in writing, with a date to review them.",
                    "A written record avoids misunderstandings and makes sure changes are checked, not forgotten.",
                ),
                action(
                    "Allow paid or flexible time off for treatment and appointments.",
                    "Keeping up with therapy or medical care is often what keeps someone well enough to work.",
                ),
                action(
                    "Tell the employee about Access to Work and how to apply.",
                    "It can fund extra support and offers a mental health support service at no cost to you.",
                ),
            ],
            "resources": [
                "https://www.acas.org.uk/reasonable-adjustments-for-mental-health",
                "https://www.gov.uk/access-to-work",
                "https://www.mind.org.uk/workplace/mental-health-at-work/taking-care-of-your-staff/employer-resources/wellness-action-plan-download/",
            ],
        },
        {
            "slug": "plan-a-return-to-work",
            "title": "Plan a return to work",
            "minutes": 20,
            "summary": "Stay in touch during time off and plan a gradual, supported return.",
            "guidance": [
                paragraph(
                    "<p>The longer someone is off sick, the harder returning can feel. Staying in touch in a "
                    "way they are comfortable with, and planning the return together, makes it far more "
                    "likely to succeed.</p>"
                ),
                heading("Fit notes"),
                paragraph(
                    "<p>For the first seven days of sickness people certify themselves. After that a fit note "
                    "from a GP or another healthcare professional says either that the person is not fit for "
                    "work, or that they may be fit for work with some support, such as a phased return, "
                    "changed hours, changed duties or workplace adaptations. Read the advice and talk about "
                    "which changes you can make.</p>"
                ),
                heading("Occupational health"),
                paragraph(
                    "<p>An occupational health professional can advise you both on what work the person can "
                    "do and which adjustments would help, especially after a long absence. If you do not have "
                    "a service, ask your insurer, your local NHS or a private provider.</p>"
                ),
                (
                    "template_document",
                    {
                        "document": return_guide,
                        "label": "",
                        "description": (
                            "Questions to talk through before or on the first day back, and space to note "
                            "the phased return you agree."
                        ),
                    },
                ),
                case_study(
                    "A phased return in a small firm",
                    "<p>After three months off with depression, an accounts assistant returned on three short "
                    "days a week, building up to full time over six weeks. Her manager moved a deadline-heavy "
                    "task to a colleague for that time and they met briefly every Friday. She was back at full "
                    "hours by week seven.</p>",
                    "An illustrative example, not a real person",
                ),
            ],
            "actions": [
                action(
                    "Agree how and how often you will keep in touch during sickness absence.",
                    "Contact that is agreed, not imposed, helps people feel valued rather than chased.",
                ),
                action(
                    "Read the fit note's advice and discuss which suggested changes you can make.",
                    "The fit note is advice to act on: it often shows a way back to work sooner.",
                ),
                action(
                    "Hold a return-to-work conversation before or on the first day back.",
                    "Talking first takes away uncertainty on both sides and catches problems early.",
                ),
                action(
                    "Plan a phased return with clear steps and review dates.",
                    "Building up gradually lowers the risk of relapse and a second, longer absence.",
                ),
                action(
                    "Ask occupational health for advice when the absence is long or the return complex.",
                    "Independent, expert advice helps you agree adjustments that are realistic for both sides.",
                ),
            ],
            "resources": [
                "https://www.gov.uk/government/collections/fit-note",
                "http://www.dwp.gov.uk/health-work-and-well-being/",
                "https://able-futures.co.uk/",
            ],
        },
        {
            "slug": "build-a-healthy-workplace",
            "title": "Build a healthy workplace",
            "minutes": 25,
            "summary": "Prevent problems by managing the causes of work-related stress and promoting wellbeing.",
            "guidance": [
                paragraph(
                    "<p>Supporting individuals matters, but the biggest gains come from preventing harm in the "
                    "first place. The Health and Safety Executive's Management Standards describe six areas of "
                    "work that, if not well managed, lead to stress: demands, control, support, relationships, "
                    "role and change.</p>"
                ),
                heading("Making it part of how you work"),
                paragraph(
                    "<ul><li>carry out and act on a stress risk assessment, with staff involved</li>"
                    "<li>have a mental health policy that says how people can get support</li>"
                    "<li>make sure workloads are realistic and roles are clear</li>"
                    "<li>train managers, and support their wellbeing too</li>"
                    "<li>encourage the Five Ways to Wellbeing: connect, be active, take notice, "
                    "keep learning, give</li></ul>"
                ),
                do_dont(
                    [
                        "Involve staff in finding the causes of pressure and the solutions",
                        "Lead by example: take breaks, use your leave, go home on time",
                        "Check whether the changes you make are working",
                    ],
                    [
                        "Rely on one-off wellbeing events instead of fixing how work is organised",
                        "Treat mental health as only HR's job",
                        "Forget managers' own wellbeing",
                    ],
                ),
            ],
            "actions": [
                action(
                    "Carry out a stress risk assessment using the HSE Management Standards.",
                    "It is a legal duty, and it shows where the real pressures are so you can fix the causes.",
                ),
                action(
                    "Publish a mental health policy that explains how staff can get support.",
                    "People are more likely to ask for help early when they know how and that it is welcome.",
                ),
                action(
                    "Review workloads and make sure every role has clear responsibilities.",
                    "Unmanageable demands and unclear roles are two of the most common causes of work stress.",
                ),
                action(
                    "Promote the Five Ways to Wellbeing across your organisation.",
                    "Simple, evidence-based habits help everyone look after their mental health.",
                ),
                action(
                    "Give managers training and time to support their teams, and support them too.",
                    "Managers shape day-to-day working life; they need the skills and backing to do it well.",
                ),
            ],
            "resources": [
                "https://www.hse.gov.uk/stress/standards/",
                "http://www.cipd.co.uk/hr-topics/health-safety-well-being.aspx",
                "http://www.nhsemployers.org/HealthyWorkplaces/Pages/Home-Healthy.aspx",
                "http://www.neweconomics.org/projects/five-ways-well-being",
                "https://www.gov.uk/government/publications/thriving-at-work-a-review-of-mental-health-and-employers",
                "https://www.bitc.org.uk/toolkit/mental-health-for-employers-toolkit/",
            ],
        },
        {
            "slug": "where-to-get-help",
            "title": "Where to get help",
            "minutes": 10,
            "summary": (
                "Know the services that can help your staff and you: therapy, funding, expert advice and urgent help."
            ),
            "guidance": [
                heading("NHS Talking Therapies"),
                paragraph(
                    "<p>NHS Talking Therapies (known until 2023 as IAPT, Improving Access to Psychological "
                    "Therapies) offers free, effective therapy for anxiety and depression. People can refer "
                    "themselves, without seeing a GP, and many services have employment advisers who help "
                    "people stay in or return to work.</p>"
                ),
                heading("Access to Work"),
                paragraph(
                    "<p>A Department for Work and Pensions scheme that can pay for practical support at work "
                    "and offers a free, confidential mental health support service to employees who need it.</p>"
                ),
                heading("Occupational health and fit notes"),
                paragraph(
                    "<p>Occupational health services give expert advice on fitness for work and adjustments. "
                    "Fit notes from GPs and other healthcare professionals can suggest changes that help "
                    "someone return sooner.</p>"
                ),
                heading("Local employment support"),
                paragraph(
                    '<p>Local services such as those in our <a href="/services/">services section</a> help '
                    "people with common mental health problems stay in or get back to work.</p>"
                ),
                callout("Urgent help", f"<p>{URGENT_HELP}</p>"),
            ],
            "actions": [
                action(
                    "Find your local NHS Talking Therapies service and share how to self-refer.",
                    "Free therapy that people can reach without a GP appointment speeds up recovery.",
                ),
                action(
                    "Find out whether you have occupational health or an employee assistance programme.",
                    "Knowing what you already have means you can offer it straight away when it is needed.",
                ),
                action(
                    "Put information about Access to Work where staff will find it.",
                    "Many people who could benefit have never heard of it.",
                ),
                action(
                    "Display urgent help numbers in staff areas and on your intranet.",
                    "In a crisis, people need the right number immediately.",
                ),
            ],
            "resources": [
                "https://www.nhs.uk/service-search/mental-health/find-an-nhs-talking-therapies-service",
                "https://www.gov.uk/access-to-work",
                "https://able-futures.co.uk/",
                "https://www.gov.uk/government/collections/fit-note",
                "https://www.nice.org.uk/guidance/ng212",
                "https://www.samaritans.org/",
            ],
        },
    ]


def ensure_toolkit():
    return ensure_child(
        home_page(),
        ToolkitPage,
        "toolkit",
        title="Employer toolkit",
        show_in_menus=True,
        summary=(
            "Six practical steps for employers and line managers: recognise, respond, adjust, "
            "plan a return, prevent, and know where to get help."
        ),
        body=TOOLKIT_BODY,
        action_plan_intro=(
            "Use this plan in your next one-to-one or team meeting: pick one or two actions still to do, "
            "agree who will do them and by when."
        ),
    )


@demo_content.register(order=50)
@transaction.atomic
def load_toolkit(stdout):
    toolkit = ensure_toolkit()
    templates = {key: ensure_template_document(key) for key in TEMPLATES}
    created = 0
    for spec in steps(templates):
        if toolkit.get_children().filter(slug=spec["slug"]).exists():
            continue
        resources_by_url = {resource.url: resource for resource in Resource.objects.filter(url__in=spec["resources"])}
        linked = [resources_by_url[url] for url in spec["resources"] if url in resources_by_url]
        ensure_child(
            toolkit,
            ToolkitStepPage,
            spec["slug"],
            title=spec["title"],
            summary=spec["summary"],
            minutes=spec["minutes"],
            guidance=spec["guidance"],
            actions=[ToolkitAction(sort_order=index, **fields) for index, fields in enumerate(spec["actions"])],
            related_resources=[
                ToolkitStepResource(sort_order=index, resource=resource) for index, resource in enumerate(linked)
            ],
        )
        created += 1
    stdout.write(f"Employer toolkit ready ({created} steps created).")
